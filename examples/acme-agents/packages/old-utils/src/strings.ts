/** @deprecated use @acme/utils/strings */
export { slugify, pad } from '../../utils/src/strings';
