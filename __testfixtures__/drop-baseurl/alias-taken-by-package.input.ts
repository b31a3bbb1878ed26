import { x } from 'src/lib/x';
import { x as same } from 'lib/x';

export const all = [x, same];
