import { slug } from 'old-utils-extra';
import { other } from '../agents/execution-engine-v2';
export { slug, other };
