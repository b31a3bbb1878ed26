import { api } from '../lib/api/index';
import { api as fileApi } from '../lib/api.ts';
export { api, fileApi };
