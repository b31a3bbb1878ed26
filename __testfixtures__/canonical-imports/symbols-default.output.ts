import { makeEngine as makeIt, createEngine } from '../agents/factory';

export const a = makeIt();
export const b = createEngine();
