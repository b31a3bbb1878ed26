export { start as begin, Instrument } from '../old/renamed';
