export async function load() {
  const { ExecutionEngine } = await import('@/agents/execution-engine');
  return new ExecutionEngine();
}
