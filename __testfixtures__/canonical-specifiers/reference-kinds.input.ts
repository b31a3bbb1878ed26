import '../hooks/useWebSocket';
export * from '../hooks/useWebSocket';
const a = require('../hooks/useWebSocket');
const b = () => import('../hooks/useWebSocket');
export type C = import('../hooks/useWebSocket').Thing;
jest.mock('../hooks/useWebSocket');
export { a, b };
