import { a } from './old/a';
import { c } from './old/c';
import { e } from './old/e';
export const sum = a + c + e;
declare module './old/d' {}
