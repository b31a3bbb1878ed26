import { run as start, Tool as I } from '../tools/tool';
start();
new I();
