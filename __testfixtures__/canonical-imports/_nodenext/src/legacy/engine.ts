export * from '../agents/execution-engine.js';
