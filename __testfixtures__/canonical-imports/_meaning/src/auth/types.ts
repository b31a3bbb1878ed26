export type { User, Session, Token } from '@/types/unified';
