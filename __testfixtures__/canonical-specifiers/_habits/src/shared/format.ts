export const formatPrice = (n: number) => n.toFixed(2);
