import { ValidationError } from '../errors/validation-error.js';

function fail(path: string, what: string): never {
  throw new ValidationError(
    'MQ_INVALID_PAYLOAD',
    `Payload is not JSON-serialisable: ${path} is ${what}. Use plain objects, arrays, strings, finite numbers, booleans and null (Dates become ISO strings).`,
    { field: path },
  );
}

/**
 * Walks a payload and throws MQ_INVALID_PAYLOAD for anything JSON would drop or choke on:
 * functions, symbols, BigInt, cycles, non-finite numbers, and undefined at the top level.
 */
export function assertJsonSerializable(payload: unknown): void {
  if (payload === undefined) fail('payload', 'undefined');
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: string): void => {
    const kind = typeof value;
    if (kind === 'number' && !Number.isFinite(value)) fail(path, String(value));
    if (kind === 'bigint') fail(path, 'a BigInt');
    if (kind === 'function') fail(path, 'a function');
    if (kind === 'symbol') fail(path, 'a symbol');
    if (kind !== 'object') return;
    if (value === null) return;
    const object = value as Record<string, unknown> & { toJSON?: unknown };
    if (typeof object.toJSON === 'function') return;
    if (ancestors.has(object)) fail(path, 'a circular reference');
    ancestors.add(object);
    if (Array.isArray(object)) {
      object.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else {
      for (const key of Object.keys(object)) visit(object[key], `${path}.${key}`);
    }
    ancestors.delete(object);
  };
  visit(payload, 'payload');
}
