/** Keys that could reach an object's prototype if a body were ever merged into another object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path of the first forbidden key in a parsed JSON value, or undefined. Iterative, so a deeply
 * nested body cannot overflow the stack.
 */
export function findForbiddenKey(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (typeof current !== 'object' || current === null) continue;
    for (const key of Object.keys(current)) {
      const childPath = Array.isArray(current) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      if (!Array.isArray(current) && FORBIDDEN_KEYS.has(key)) return childPath;
      stack.push({ value: (current as Record<string, unknown>)[key], path: childPath });
    }
  }
  return undefined;
}
