export const appEvents: string[] = [];
