import type { Unified } from '@/types/unified';
import type { Unified as U2 } from '@/types/unified';
export type { Unified, U2 };
