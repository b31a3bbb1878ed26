export function authenticate(): boolean {
  return true;
}
