/** A memoising wrapper of a one-argument function; the cache is bounded and cleared when full. */
export function memoise<T>(fn: (key: string) => T, maxEntries = 100_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (cache.size >= maxEntries) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
