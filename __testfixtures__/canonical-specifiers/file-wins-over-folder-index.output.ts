import { api } from '@/lib/api/index';
import { api as fileApi } from '@/lib/api';
export { api, fileApi };
