export type Options = import('../legacy/engine').EngineOptions;

export interface ApiError {
  status: number;
  message: string;
}
