import { ExecutionEngine } from '../legacy/engine';

jest.mock('../legacy/engine', () => ({
  ...jest.requireActual('../legacy/engine'),
  ExecutionEngine: jest.fn(),
}));
jest.doMock('../legacy/engine');
jest.unmock('../legacy/engine');

test('mocked', () => expect(ExecutionEngine).toBeDefined());
