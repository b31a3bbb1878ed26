declare module 'utils/date' {
  export function parse(text: string): string;
}
