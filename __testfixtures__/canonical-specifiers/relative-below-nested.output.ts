import { row } from './row';
import { OrderService } from '@/features/orders/order.service';
import * as orders from '@/features/orders';
import { Button } from '@/shared/ui/button';
import type { formatPrice } from '@/shared/format';
import { tool } from '../../../../tools/tool';

export const load = () => import('./row');
export const lazyFormat = (): Promise<typeof import('@/shared/format')> => import('@/shared/format');
export { row, OrderService, orders, Button, tool };
export type Format = typeof formatPrice;
