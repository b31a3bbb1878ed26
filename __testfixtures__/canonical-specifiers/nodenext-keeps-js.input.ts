import { util } from '../lib/util.js';
export { util };
