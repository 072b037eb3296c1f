/**
 * Values that are promises only when some pipeline stage is async: the staged paths stay synchronous
 * (no promise per message) unless one is (docs/encryption.md, "Per message, and what was cut").
 */

/** True for a promise or any other thenable (a stage may return one from another library). */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The items as they are when none is a thenable; otherwise one promise of all of them, in order. */
export function maybeAll<T>(items: readonly (T | PromiseLike<T>)[]): T[] | Promise<T[]> {
  if (!items.some(isThenable)) return items as T[];
  return Promise.all(items.map(async (item) => item));
}
