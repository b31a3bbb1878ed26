import { ToolUtils, run } from '../tools/tool.types';
new ToolUtils();
run();
