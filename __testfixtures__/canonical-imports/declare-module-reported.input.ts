import '../legacy/engine';

declare module '../legacy/engine' {
  interface Extra {
    tracing?: boolean;
  }
}
