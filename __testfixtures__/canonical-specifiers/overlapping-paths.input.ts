import { both } from '../fallback/both';
import { only } from '../fallback/only';
import { both as generated } from '../generated/both';
export { both, only, generated };
