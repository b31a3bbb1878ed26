import { useWebSocket } from '@/hooks/useWebSocket.ts';
export { useWebSocket };
