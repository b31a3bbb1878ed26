export const api = "index";
