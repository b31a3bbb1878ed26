export const both = "fallback";
