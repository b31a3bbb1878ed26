export function Button(): null { return null; }
