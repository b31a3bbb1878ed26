import { x } from '@/lib/x';
import { x as same } from 'lib/x';

export const all = [x, same];
