import { ProblemError } from './problem.js';

/** `true`/`false` (or `1`/`0`) from the query string, or undefined when absent. */
export function parseBooleanQuery(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ProblemError('invalid-query', `"${name}" must be true or false.`, { extensions: { field: name } });
}
