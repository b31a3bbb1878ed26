import { pad } from 'old-utils/strings';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export function createLogger(scope: string): Logger {
  const prefix = `[${pad(scope, 8)}]`;
  return {
    info: (message) => console.log(prefix, message),
    warn: (message) => console.warn(prefix, message),
  };
}
