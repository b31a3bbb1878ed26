export class OrderService {}
