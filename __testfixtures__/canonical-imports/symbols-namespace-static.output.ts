import * as legacy from '../legacy/engine';
import * as factories from '@/agents/factory';

export const text = legacy.legacyHelper();
export const engine = factories.createEngine();
