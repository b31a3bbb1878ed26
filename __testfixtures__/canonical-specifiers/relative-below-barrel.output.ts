// A barrel imports its own children relatively, and what lies outside its folder through the alias.
export * from './list/order-list';
export * from './order.service';
export { formatPrice } from '@/shared/format';
