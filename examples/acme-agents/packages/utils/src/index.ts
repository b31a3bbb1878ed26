export { slugify, pad } from './strings';

/** Parses an integer, falling back when the text is missing or not a number. */
export function toInt(text: string | undefined, fallback: number): number {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isNaN(n) ? fallback : n;
}
