import { d } from '../src/old/d';
export const x = d;
