import { useWebSocket } from '../hooks/useWebSocket';
import { helper } from './helper.ts';
export { useWebSocket, helper };
