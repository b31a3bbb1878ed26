import { both } from '@/fallback/both';
import { only } from '@gen/only';
import { both as generated } from '@gen/both';
export { both, only, generated };
