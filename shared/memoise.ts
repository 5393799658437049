/**
 * One load per key: later calls share the first call's promise. For the reads of one request
 * or one write, so a record several steps need is read once.
 */
export function memoiseByKey<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const loaded = new Map<string, Promise<T>>();
  return (key) => {
    let value = loaded.get(key);
    if (value === undefined) {
      value = load(key);
      loaded.set(key, value);
    }
    return value;
  };
}
