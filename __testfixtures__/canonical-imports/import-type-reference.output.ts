export type Options = import('../agents/execution-engine').EngineOptions;
export let engine: typeof import("../agents/execution-engine");
