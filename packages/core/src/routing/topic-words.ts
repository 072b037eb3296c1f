import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';

/** The longest topic or pattern, in characters. */
export const MAX_TOPIC_LENGTH = 256;
const WORD = /^[A-Za-z0-9_:-]+$/;

/**
 * The words of a binding's pattern: dot-separated words of A-Z a-z 0-9 _ : -, or `*` (exactly one
 * word) or `#` (zero or more words) standing alone as a word. Refused, naming what is wrong: an
 * empty word (`a..b`, a leading or trailing dot), a wildcard inside a word (`#x`, `a*`), other characters.
 */
export function patternWords(value: unknown, field = 'pattern'): string[] {
  return words(value, field, true);
}

/** The words of a published topic: as a pattern's, without wildcards. */
export function topicWords(value: unknown, field = 'topic'): string[] {
  return words(value, field, false);
}

function words(value: unknown, field: string, wildcards: boolean): string[] {
  const allowed = wildcards ? 'words of A-Z a-z 0-9 _ : - (or * for exactly one word, # for zero or more) separated by dots' : 'words of A-Z a-z 0-9 _ : - separated by dots (no wildcards)';
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TOPIC_LENGTH) {
    throw invalid(field, value, `use 1–${MAX_TOPIC_LENGTH} characters: ${allowed}`);
  }
  const parts = value.split('.');
  for (const [i, word] of parts.entries()) {
    if (WORD.test(word) || (wildcards && (word === '*' || word === '#'))) continue;
    const what = word === '' ? `word ${i + 1} is empty` : `word ${i + 1} "${word}" is not allowed`;
    throw invalid(field, value, `${what}; use ${allowed}`);
  }
  return parts;
}

function invalid(field: string, value: unknown, what: string): ValidationError {
  return new ValidationError('MQ_INVALID_ARGUMENT', `Invalid ${field} ${describeValue(value)}: ${what}.`, { field });
}
