import { tool, tool as again } from '../lib/tools';
export { tool, again };
