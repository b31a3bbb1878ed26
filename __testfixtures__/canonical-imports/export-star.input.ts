export * from '../legacy/engine';
export * as engine from '@/legacy/engine';
