import { useWebSocket } from '@/hooks/useWebSocket.js';
import { helper } from './helper.js';
export { useWebSocket, helper };
