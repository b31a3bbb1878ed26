export * from './list/order-list';
export * from './order.service';
