import { vi } from 'vitest';
vi.mock('@/legacy/engine');
const actual = await vi.importActual('@/legacy/engine');
export { actual };
