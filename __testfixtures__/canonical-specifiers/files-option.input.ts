import { useWebSocket } from '../hooks/useWebSocket';
import { Button } from '../components/Button';
export { useWebSocket, Button };
