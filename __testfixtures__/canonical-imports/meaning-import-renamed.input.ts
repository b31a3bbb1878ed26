import { start, Instrument as I } from '../old/renamed';
start();
new I();
