export * from '../lib/tools';
