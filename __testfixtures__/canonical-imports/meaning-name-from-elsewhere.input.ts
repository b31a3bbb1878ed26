import { makeAgent, run } from '../old/mixed';
run();
makeAgent('x');
