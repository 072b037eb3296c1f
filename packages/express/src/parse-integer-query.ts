import { ProblemError } from './problem.js';

/** A whole number from the query string, or undefined when absent. */
export function parseIntegerQuery(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new ProblemError('invalid-query', `"${name}" must be a whole number.`, { extensions: { field: name } });
  }
  return Number(value);
}
