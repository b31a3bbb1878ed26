import type ToolUtils from '@/tools/tool';
export type U = ToolUtils;
