export type Day = string;
export function format(day: Day): string { return day; }
