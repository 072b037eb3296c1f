import { ValidationError } from '../errors/validation-error.js';
import type { QueueMessage } from '../message/queue-message.js';
import { describeValue } from '../message/validate.js';

/** An exact value a field may equal. */
export type WhereValue = string | number | boolean | null;

/** Operators on one field; several in one object are ANDed. */
export interface WhereOperators {
  /** A string field starting with this. */
  readonly prefix?: string;
  /** A number field greater than / at least / less than / at most this. */
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
  /** true: the field is present; false: it is missing. */
  readonly exists?: boolean;
}

/** One field's condition: an exact value, a list (any of them), or operators. */
export type WhereCondition = WhereValue | readonly WhereValue[] | WhereOperators;

/**
 * A binding's filter: field paths (`type`, `metadata.<field>…`, `payload` or `payload.<field>…`)
 * to conditions, ANDed. A field that is an array matches when one of its elements does.
 */
export type WhereFilter = Readonly<Record<string, WhereCondition>>;

/** A compiled filter: true when the message passes. */
export type MessagePredicate = (message: QueueMessage) => boolean;

const OPERATORS = ['prefix', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
const ROOTS = new Set(['type', 'metadata', 'payload']);
/** Never looked up: a field of one of these names is always missing (no prototype is ever read). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_FIELDS = 32;
const MAX_LIST = 100;
const MISSING = Symbol('missing');

type Test = (value: unknown) => boolean;
interface Clause {
  readonly path: readonly string[];
  readonly exists: boolean | undefined;
  readonly test: Test | undefined;
}

/** Checks a `where` filter and compiles it once (at bind) into a predicate; errors name the field and operator. */
export function compileWhere(where: unknown): MessagePredicate {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) {
    throw invalid('where', `${describeValue(where)}: use an object of field paths to conditions, e.g. { 'payload.score': { gt: 5 } }`);
  }
  const keys = Object.keys(where);
  if (keys.length === 0 || keys.length > MAX_FIELDS) throw invalid('where', `has ${keys.length} fields: use 1–${MAX_FIELDS}`);
  const clauses = keys.map((key) => compileClause(key, (where as Record<string, unknown>)[key]));
  return (message) => clauses.every((clause) => passes(clause, message));
}

function compileClause(key: string, condition: unknown): Clause {
  const path = key.split('.');
  if (!ROOTS.has(path[0] as string) || path.some((part) => part === '') || (path[0] !== 'payload' && path.length === 1 && path[0] !== 'type') || (path[0] === 'type' && path.length > 1)) {
    throw invalid(`where["${key}"]`, 'is not a field path: use type, metadata.<field>, payload or payload.<field> (nested with dots)');
  }
  if (isExact(condition)) return { path, exists: undefined, test: (v) => v === condition };
  if (Array.isArray(condition)) {
    if (condition.length === 0 || condition.length > MAX_LIST || !condition.every(isExact)) {
      throw invalid(`where["${key}"]`, `list ${describeValue(condition)}: use 1–${MAX_LIST} exact values (strings, numbers, booleans, null)`);
    }
    const values = new Set<unknown>(condition);
    return { path, exists: undefined, test: (v) => values.has(v) };
  }
  if (typeof condition !== 'object' || condition === null) {
    throw invalid(`where["${key}"]`, `${describeValue(condition)}: use an exact value, a list of them, or operators (${OPERATORS.join(', ')})`);
  }
  return compileOperators(key, path, condition as Record<string, unknown>);
}

function compileOperators(key: string, path: readonly string[], ops: Record<string, unknown>): Clause {
  const names = Object.keys(ops);
  if (names.length === 0) throw invalid(`where["${key}"]`, `has no operator: use ${OPERATORS.join(', ')}`);
  const tests: Test[] = [];
  let exists: boolean | undefined;
  for (const name of names) {
    const operand = ops[name];
    const field = `where["${key}"].${name}`;
    if (!(OPERATORS as readonly string[]).includes(name)) throw invalid(`where["${key}"]`, `uses unknown operator "${name}": use ${OPERATORS.join(', ')}`);
    if (name === 'exists') {
      if (typeof operand !== 'boolean') throw invalid(field, `${describeValue(operand)}: use true or false`);
      exists = operand;
    } else if (name === 'prefix') {
      if (typeof operand !== 'string' || operand.length === 0) throw invalid(field, `${describeValue(operand)}: use a non-empty string`);
      tests.push((v) => typeof v === 'string' && v.startsWith(operand));
    } else {
      if (typeof operand !== 'number' || !Number.isFinite(operand)) throw invalid(field, `${describeValue(operand)}: use a finite number`);
      tests.push(comparison(name, operand));
    }
  }
  if (exists === false && tests.length > 0) throw invalid(`where["${key}"]`, 'combines exists: false with a test on the value: a missing field has none');
  const test: Test | undefined = tests.length === 0 ? undefined : tests.length === 1 ? tests[0] : (v) => tests.every((t) => t(v));
  return { path, exists, test };
}

function comparison(name: string, operand: number): Test {
  switch (name) {
    case 'gt':
      return (v) => typeof v === 'number' && v > operand;
    case 'gte':
      return (v) => typeof v === 'number' && v >= operand;
    case 'lt':
      return (v) => typeof v === 'number' && v < operand;
    default:
      return (v) => typeof v === 'number' && v <= operand;
  }
}

function passes(clause: Clause, message: QueueMessage): boolean {
  const value = lookup(message, clause.path);
  if (clause.exists !== undefined && (value !== MISSING) !== clause.exists) return false;
  if (clause.test === undefined) return true;
  if (value === MISSING) return false;
  // An array field matches when one of its elements does (or the array itself, for a test that takes one).
  if (Array.isArray(value)) return value.some((element) => (clause.test as Test)(element));
  return clause.test(value);
}

/** The value at `path`: own properties only, never a prototype's; MISSING when any step is absent. */
function lookup(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const part of path) {
    if (typeof value !== 'object' || value === null || PROTOTYPE_KEYS.has(part) || !Object.prototype.hasOwnProperty.call(value, part)) return MISSING;
    value = (value as Record<string, unknown>)[part];
  }
  return value === undefined ? MISSING : value;
}

function isExact(value: unknown): value is WhereValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function invalid(field: string, what: string): ValidationError {
  return new ValidationError('MQ_INVALID_ARGUMENT', `Invalid ${field} ${what}.`, { field: 'where' });
}
