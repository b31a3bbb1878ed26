import { tool } from '../lib/tools';
export { tool };
