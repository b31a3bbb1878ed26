// The polyfill goes: recast drops this comment with it, as under jscodeshift.
import 'old-polyfill';
import log from 'old-logger';

export const first = <T,>(items: T[]): T => {
  log.warn<string>('first', items.length);
  return items[0] as T;
};
