import { slugify } from 'old-utils';

export interface User {
  id: string;
  name: string;
  handle: string;
}

export function makeUser(id: string, name: string): User {
  return { id, name, handle: slugify(name) };
}
