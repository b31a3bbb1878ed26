import type { Unified } from '@/types/unified';
export type { Unified };
