import type { Unified } from '@/types/unified/index';
export type { Unified };
