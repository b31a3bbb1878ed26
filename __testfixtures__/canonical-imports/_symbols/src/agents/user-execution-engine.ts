export interface EngineOptions {
  retries: number;
}

export class UserExecutionEngine {
  constructor(readonly options: EngineOptions = { retries: 0 }) {}
  run(): string {
    return 'ran';
  }
}

export function runEngine(engine: UserExecutionEngine): string {
  return engine.run();
}
