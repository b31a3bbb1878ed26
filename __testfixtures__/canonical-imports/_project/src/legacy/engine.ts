export * from '../agents/execution-engine';
