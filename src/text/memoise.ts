/**
 * A memoising wrapper of a one-argument function: results are kept by argument (`Map` equality), in
 * a cache bounded to `maxEntries` and cleared when full. `undefined` results are not kept.
 */
export function memoise<K, T>(fn: (key: K) => T, maxEntries = 100_000): (key: K) => T {
  const cache = new Map<K, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (cache.size >= maxEntries) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
