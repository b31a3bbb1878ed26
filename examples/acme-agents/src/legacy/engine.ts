/**
 * @deprecated The engine moved to `@/agents/execution-engine`. This shim only re-exports it and goes away
 * once nothing imports it.
 */
export * from '../agents/execution-engine';
export { default } from '../agents/execution-engine';
