import { useWebSocket } from '@/hooks/useWebSocket';
import { helper } from '@/app/helper';
import { Button } from '@components/Button';
export { useWebSocket, helper, Button };
