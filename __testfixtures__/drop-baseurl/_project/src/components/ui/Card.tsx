export function Card(): null { return null; }
