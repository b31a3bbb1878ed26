export const only = "fallback";
