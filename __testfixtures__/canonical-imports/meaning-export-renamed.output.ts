export { run as begin, Tool as Instrument } from '../tools/tool';
