import { ValidationError } from '../errors/validation-error.js';
import { describeValue, validateQueueName } from '../message/validate.js';
import type { BindingRecord } from '../provider/routing-records.js';
import { patternWords } from './topic-words.js';
import { compileWhere, type MessagePredicate, type WhereFilter } from './where-filter.js';

/** queue.bind(): messages published to a topic matching `pattern` (and passing `where`) go to `queue`. */
export interface QueueBinding<Q extends string = string> {
  /** Dot-separated words; `*` stands for exactly one word, `#` for zero or more (e.g. "orders.*", "audit.#"). */
  readonly pattern: string;
  readonly queue: Q;
  /** Only messages whose fields pass every condition (docs/routing.md, "Filters"). */
  readonly where?: WhereFilter;
}

/** A checked binding: its pattern's words, its compiled filter, and the id it is stored under. */
export interface CheckedBinding {
  readonly binding: QueueBinding;
  readonly words: readonly string[];
  readonly matches: MessagePredicate | undefined;
  /** The same pattern, queue and filter (keys in any order) give the same id. */
  readonly id: string;
}

const KEYS = new Set(['pattern', 'queue', 'where']);

/** Checks a binding (naming what is wrong) and compiles it; `binding` is the user's value. */
export function checkBinding(binding: unknown): CheckedBinding {
  if (typeof binding !== 'object' || binding === null || Array.isArray(binding)) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Invalid binding ${describeValue(binding)}: use { pattern, queue, where? }.`, { field: 'binding' });
  }
  for (const key of Object.keys(binding)) {
    if (!KEYS.has(key)) throw new ValidationError('MQ_INVALID_ARGUMENT', `Unknown binding field "${key}": use pattern, queue, where.`, { field: key });
  }
  const { pattern, queue, where } = binding as QueueBinding;
  const words = patternWords(pattern);
  validateQueueName(queue, 'queue');
  const matches = where === undefined ? undefined : compileWhere(where);
  const stored: QueueBinding = where === undefined ? { pattern, queue } : { pattern, queue, where: canonical(where) as WhereFilter };
  return { binding: stored, words, matches, id: JSON.stringify([pattern, queue, stored.where ?? null]) };
}

/** The record a provider stores for a binding. */
export function toBindingRecord(checked: CheckedBinding): BindingRecord {
  return { id: checked.id, data: JSON.stringify(checked.binding) };
}

/** A stored binding read back; undefined when its text is not one (written by a newer version, or damaged). */
export function fromBindingRecord(record: BindingRecord): CheckedBinding | undefined {
  try {
    return checkBinding(JSON.parse(record.data));
  } catch {
    return undefined;
  }
}

/** A copy with object keys sorted at every level, so equal filters serialise alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
  return out;
}
