import type { ToolUtils } from '@/tools/tool.types';
export type U = ToolUtils;
