/** @deprecated use @acme/utils */
export { slugify, pad } from './strings';
