/**
 * A value as an error message may show it: strings (cut at 40 characters) and numbers as they are,
 * anything else by its kind, so that an object passed by mistake (a client, a secret) is never printed.
 */
export function describeOption(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `a ${typeof value}`;
}
