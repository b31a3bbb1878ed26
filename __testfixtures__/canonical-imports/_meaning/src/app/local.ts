export function makeAgent(): string {
  return 'local';
}
