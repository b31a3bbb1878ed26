import { settings } from '../config';
export { settings };
