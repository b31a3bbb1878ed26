export * from '../tools/tool';
