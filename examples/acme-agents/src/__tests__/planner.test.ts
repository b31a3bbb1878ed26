import { Planner } from '../agents/planner';
import { createEngine } from '../legacy/engine';

jest.mock('../legacy/engine', () => ({
  ...jest.requireActual('../legacy/engine'),
  createEngine: jest.fn(() => ({ options: { concurrency: 2 } })),
}));

describe('Planner', () => {
  it('batches jobs by the engine concurrency', () => {
    const batches = new Planner().plan([1, 2, 3].map((n) => ({ id: String(n), payload: '' })));
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect(createEngine).toHaveBeenCalled();
  });
});
