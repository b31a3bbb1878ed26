export interface User {
  name: string;
}
export interface Session {
  user: User;
}
export type Token = string;
export function login(): Session {
  return { user: { name: 'a' } };
}
export const SESSION_TTL = 60;
