// A Cypress spec: its runtime knows no alias, so an override keeps every specifier relative.
import { orderList } from '../../src/features/orders/list/order-list';
import type { OrderService } from '../../src/features/orders';
import { formatPrice } from '../../src/shared/format';

export const spec = [orderList, formatPrice] as const;
export type Service = OrderService;
