import { tool } from '../old-lib';
import { tool as again } from '../old-lib/index';
export { tool, again };
