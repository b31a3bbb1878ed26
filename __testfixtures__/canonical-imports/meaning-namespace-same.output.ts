import * as tools from '../tools/tool';
tools.run();
