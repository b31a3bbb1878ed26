export type Unified = 1;
