import * as legacy from '../legacy/engine';
import * as factories from '@/legacy/engine';

export const text = legacy.legacyHelper();
export const engine = factories.createEngine();
