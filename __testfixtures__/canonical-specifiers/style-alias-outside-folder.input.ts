import { useWebSocket } from '../hooks/useWebSocket';
import { Button } from '@components/Button';
import { helper } from '@/app/helper';
import { api } from '../lib/api.ts';
export { useWebSocket, Button, helper, api };
