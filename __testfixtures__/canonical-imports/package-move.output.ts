import { slug } from '@acme/utils';
import { pad } from '@acme/utils/strings';
const lazy = () => import('@acme/utils');
export { slug, pad, lazy };
