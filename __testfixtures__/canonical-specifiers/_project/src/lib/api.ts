export const api = "file";
