export { run as start, Tool as Instrument } from '../tools/tool';
