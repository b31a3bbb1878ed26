export { default as ToolUtils, Tool, run, type ToolOptions } from '../tools/tool';
