import type { Day } from '@/utils/date';

declare module '@/utils/date' {
  export function parse(text: string): Day;
}
