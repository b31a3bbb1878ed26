export async function load() {
  const { ExecutionEngine } = await import('@/legacy/engine');
  return new ExecutionEngine();
}
