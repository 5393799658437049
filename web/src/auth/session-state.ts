/**
 * Whether the session ran out and could not be renewed. A tiny store outside React, because the
 * API client (outside any component) learns it first and every page must show it at once.
 */
let expired = false;
const listeners = new Set<() => void>();

export const sessionState = {
  isExpired: () => expired,
  markExpired(): void {
    if (expired) return;
    expired = true;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
