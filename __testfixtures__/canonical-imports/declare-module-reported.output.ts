import '../agents/execution-engine';

declare module '../legacy/engine' {
  interface Extra {
    tracing?: boolean;
  }
}
