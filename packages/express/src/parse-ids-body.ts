import { ProblemError } from './problem.js';

/** `{ "ids": ["…"] }` or no body (all). Anything else is a 400. */
export function parseIdsBody(body: unknown): string[] | undefined {
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError('invalid-body', 'Send { "ids": ["…"] }, or no body for all dead letters.');
  }
  const unknownKeys = Object.keys(body).filter((key) => key !== 'ids');
  if (unknownKeys.length > 0) throw new ProblemError('invalid-body', `Unknown field "${unknownKeys[0]}": only "ids" is accepted.`, { extensions: { field: unknownKeys[0] } });
  const { ids } = body as { ids?: unknown };
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new ProblemError('invalid-body', '"ids" must be an array of message ids.', { extensions: { field: 'ids' } });
  }
  return ids;
}
