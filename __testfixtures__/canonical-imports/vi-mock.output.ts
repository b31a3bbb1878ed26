import { vi } from 'vitest';
vi.mock('@/agents/execution-engine');
const actual = await vi.importActual('@/agents/execution-engine');
export { actual };
