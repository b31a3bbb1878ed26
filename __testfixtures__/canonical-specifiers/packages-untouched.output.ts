import * as path from 'node:path';
import config from '@/config';
import { unknown } from './does-not-exist';
export { path, config, unknown };
