import { useWebSocket } from '@/hooks/useWebSocket';
import { Button } from '@components/Button';
import { helper } from './helper';
import { api } from '@/lib/api';
export { useWebSocket, Button, helper, api };
