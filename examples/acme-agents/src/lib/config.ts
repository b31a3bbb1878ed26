import { toInt } from '@acme/utils';

export interface AppConfig {
  port: number;
  concurrency: number;
}

export function readConfig(env: Record<string, string | undefined>): AppConfig {
  return { port: toInt(env.PORT, 3000), concurrency: toInt(env.CONCURRENCY, 2) };
}
