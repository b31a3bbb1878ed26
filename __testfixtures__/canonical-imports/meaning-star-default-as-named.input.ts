export * from '../tools/tool.types';
