// The features tree imports itself relatively, `../` included; the alias only for what lies outside it.
import { OrderService } from '@/features/orders/order.service';
import * as orders from '..';
import { row } from './row';
import { formatPrice } from '../../../shared/format';
import { Button } from '@/shared/ui/button';

export { OrderService, orders, row, formatPrice, Button };
