import * as legacy from '../legacy/engine';

const key = 'ExecutionEngine' as const;
export const Engine = legacy[key];

const { [key]: Dynamic } = require('../legacy/engine');
export const dynamic = Dynamic;

export const mod = import('../legacy/engine');

const patched = require('../legacy/engine');
patched.createEngine = () => null;
