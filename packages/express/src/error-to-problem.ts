import { isMqError, type MqErrorCode } from '@mq/core';
import { problemOf, ProblemError, type Problem } from './problem.js';
import type { ProblemKind } from './problem-types.js';

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
}

/** Input errors of the core: their messages are written for the caller, so they become the detail. */
const CLIENT_CODES: Partial<Record<MqErrorCode, ProblemKind>> = {
  MQ_INVALID_QUEUE_NAME: 'invalid-queue-name',
  MQ_INVALID_PRIORITY: 'invalid-request',
  MQ_INVALID_DELAY: 'invalid-request',
  MQ_INVALID_MAX_RETRIES: 'invalid-request',
  MQ_INVALID_PAYLOAD: 'invalid-request',
  MQ_INVALID_MESSAGE: 'invalid-request',
  MQ_INVALID_ARGUMENT: 'invalid-request',
  MQ_DUPLICATE_MESSAGE_ID: 'duplicate-message',
  MQ_UNROUTABLE: 'unroutable',
  MQ_UNSUPPORTED: 'unsupported',
};

/** The store is down or the queue is not open: worth retrying later. */
const UNAVAILABLE_CODES = new Set<MqErrorCode>(['MQ_PROVIDER_UNAVAILABLE', 'MQ_NOT_CONNECTED', 'MQ_CLOSED']);

/**
 * Turns anything thrown into a problem. Only texts written for API callers reach the response:
 * provider failures and unknown errors get a fixed detail, never a stack or a Redis message.
 */
export function errorToProblem(error: unknown): ProblemWithHeaders {
  if (error instanceof ProblemError) {
    return { problem: problemOf(error.kind, error.message, error.extensions), headers: error.headers };
  }
  if (isMqError(error)) {
    const kind = CLIENT_CODES[error.code];
    if (kind !== undefined) return { problem: problemOf(kind, error.message, { code: error.code }), headers: {} };
    if (UNAVAILABLE_CODES.has(error.code)) {
      return { problem: problemOf('provider-unavailable', 'The queue provider is unavailable; try again later.'), headers: { 'Retry-After': '5' } };
    }
    return internal();
  }
  return bodyParserProblem(error) ?? internal();
}

function internal(): ProblemWithHeaders {
  return { problem: problemOf('internal', 'The request failed unexpectedly.'), headers: {} };
}

/** Errors of express.json() (body-parser), recognised by their documented `type`. */
function bodyParserProblem(error: unknown): ProblemWithHeaders | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, limit } = error as { type?: unknown; status?: unknown; limit?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return { problem: problemOf('malformed-json', 'The request body is not valid JSON.'), headers: {} };
    case 'entity.too.large':
      return {
        problem: problemOf('payload-too-large', 'The request body is larger than the limit.', typeof limit === 'number' ? { limitBytes: limit } : {}),
        headers: {},
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { problem: problemOf('unsupported-media-type', 'The request body must be UTF-8 JSON.'), headers: {} };
    default:
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return { problem: problemOf('malformed-json', 'The request body could not be read.'), headers: {} };
      }
      return undefined;
  }
}
