import '../legacy/engine';

// Adds an optional tracing flag to the engine options for the whole app.
declare module '../legacy/engine' {
  interface EngineExtras {
    tracing?: boolean;
  }
}

export {};
