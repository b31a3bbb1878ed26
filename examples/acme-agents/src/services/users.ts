import { makeUser, type User } from '@/models';
import { createLogger } from '@/lib';

const log = createLogger('users');

export class UserService {
  private readonly users = new Map<string, User>();

  add(id: string, name: string): User {
    const user = makeUser(id, name);
    this.users.set(id, user);
    log.info(`added ${user.handle}`);
    return user;
  }

  find(id: string): User | undefined {
    return this.users.get(id);
  }
}
