export const orderList = [];
