export type Options = import('../legacy/engine').EngineOptions;
export let engine: typeof import("../legacy/engine");
