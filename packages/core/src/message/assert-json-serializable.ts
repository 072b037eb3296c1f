import { ValidationError } from '../errors/validation-error.js';

function fail(path: string, what: string): never {
  throw new ValidationError(
    'MQ_INVALID_PAYLOAD',
    `Payload is not JSON-serialisable: ${path} is ${what}. Use plain objects, arrays, strings, finite numbers, booleans and null (Dates become ISO strings).`,
    { field: path },
  );
}

/** Deeper than this, the fast check hands over to the full walk (which tracks ancestors in a Set). */
const FAST_DEPTH = 32;

/**
 * True when JSON keeps `value` whole. Allocates nothing (no path strings): it runs on every
 * message, and only a failing payload pays for the walk that names the bad path.
 */
function isJsonSafe(value: unknown, ancestors: object[]): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  const object = value as Record<string, unknown> & { toJSON?: unknown };
  if (typeof object.toJSON === 'function') return true;
  if (ancestors.length >= FAST_DEPTH || ancestors.includes(object)) return false;
  ancestors.push(object);
  let safe = true;
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length && safe; i++) safe = isJsonSafe(object[i], ancestors);
  } else {
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      if (!(safe = isJsonSafe(object[key], ancestors))) break;
    }
  }
  ancestors.pop();
  return safe;
}

const sharedAncestors: object[] = [];

/** The full walk: throws MQ_INVALID_PAYLOAD naming the first bad path. */
function explainJsonProblem(payload: unknown): void {
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

/**
 * Walks a payload and throws MQ_INVALID_PAYLOAD for anything JSON would drop or choke on:
 * functions, symbols, BigInt, cycles, non-finite numbers, and undefined at the top level.
 */
export function assertJsonSerializable(payload: unknown): void {
  if (payload === undefined) fail('payload', 'undefined');
  // One ancestors array for every check (the walk pops what it pushes), unless a getter in the
  // payload checks another payload while this one is being walked.
  const ancestors = sharedAncestors.length === 0 ? sharedAncestors : [];
  let safe: boolean;
  try {
    safe = isJsonSafe(payload, ancestors);
  } catch (error) {
    ancestors.length = 0;
    throw error;
  }
  if (!safe) explainJsonProblem(payload);
}
