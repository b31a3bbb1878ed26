export const both = "generated";
