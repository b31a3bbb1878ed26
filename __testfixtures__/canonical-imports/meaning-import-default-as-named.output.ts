import ToolUtils, { run } from '../tools/tool';
new ToolUtils();
run();
