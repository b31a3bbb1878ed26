import { useWebSocket } from '@/hooks/useWebSocket';
export { useWebSocket };
