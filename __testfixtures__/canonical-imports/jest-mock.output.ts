import { ExecutionEngine } from '../agents/execution-engine';

jest.mock('../agents/execution-engine', () => ({
  ...jest.requireActual('../agents/execution-engine'),
  ExecutionEngine: jest.fn(),
}));
jest.doMock('../agents/execution-engine');
jest.unmock('../agents/execution-engine');

test('mocked', () => expect(ExecutionEngine).toBeDefined());
