export * from '../old/star';
