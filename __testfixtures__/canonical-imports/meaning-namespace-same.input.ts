import * as tools from '../old/star';
tools.run();
