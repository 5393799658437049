import { useCallback, useState } from 'react';

const PREFIX = 'foerdertracker:entwurf:';

function read<T>(key: string, initial: T): T {
  try {
    const stored = window.sessionStorage.getItem(PREFIX + key);
    return stored ? { ...initial, ...(JSON.parse(stored) as Partial<T>) } : initial;
  } catch {
    return initial;
  }
}

/**
 * A form's typed values, kept in sessionStorage as they are typed: a refused request, a reload
 * or a sign-in after the session ran out brings them back. Cleared once the form was accepted,
 * and by signing out.
 */
export function useDraft<T extends Record<string, string>>(key: string, initial: T) {
  const [values, setValues] = useState<T>(() => read(key, initial));
  const set = useCallback(
    (field: keyof T, value: string) => {
      setValues((previous) => {
        const next = { ...previous, [field]: value };
        window.sessionStorage.setItem(PREFIX + key, JSON.stringify(next));
        return next;
      });
    },
    [key],
  );
  const clear = useCallback(
    (next: T = initial) => {
      window.sessionStorage.removeItem(PREFIX + key);
      setValues(next);
    },
    [key, initial],
  );
  return { values, set, clear };
}

/** Forgets every draft of this tab (on sign-out: the next person at this computer must not see them). */
export function clearDrafts(): void {
  for (const key of Object.keys(window.sessionStorage)) {
    if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
  }
}
