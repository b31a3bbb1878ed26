// The folder's own index is its public API: named by the folder's name, never '.'.
import { orderList } from '@/features/orders';
import * as orders from '@/features/orders';

export const all = [orderList, orders];
