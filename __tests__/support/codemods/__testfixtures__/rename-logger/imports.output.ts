import log from "@acme/logger";

export const first = <T,>(items: T[]): T => {
  log.warning<string>('first', items.length);
  return items[0] as T;
};
