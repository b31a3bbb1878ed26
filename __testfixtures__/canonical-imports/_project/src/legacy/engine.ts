export * from '../agents/execution-engine';
export { default } from '../agents/execution-engine';
