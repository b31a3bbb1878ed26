import makeIt, { createEngine } from '../legacy/engine';

export const a = makeIt();
export const b = createEngine();
