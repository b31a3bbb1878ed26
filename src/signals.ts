/** Cooperative interruption: long loops yield so a Ctrl-C handler can run, then stop cleanly. */
import { InterruptedError } from './errors';

/** Lets pending signal handlers run, then throws if the run was interrupted. */
export async function yieldToSignals(signal: AbortSignal | undefined, message: string): Promise<void> {
  if (!signal) return;
  await new Promise((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new InterruptedError(message, String(signal.reason ?? 'SIGINT'));
}
