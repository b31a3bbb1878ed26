import { useWebSocket } from '../hooks/useWebSocket';
import { helper } from './helper';
import { Button } from '../components/Button';
export { useWebSocket, helper, Button };
