import { slug } from 'old-utils';
import { pad } from 'old-utils/strings';
const lazy = () => import('old-utils');
export { slug, pad, lazy };
