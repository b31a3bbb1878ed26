export * from '../agents/execution-engine';
export * as engine from '@/agents/execution-engine';
