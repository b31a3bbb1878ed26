export * from '../legacy/engine';
export { runEngine } from '../agents/user-execution-engine';
