import { tool } from '.';
export { tool };
