export function useWebSocket() { return 1; }
