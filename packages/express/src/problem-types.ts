import type { MqErrorCode } from '@mq/core';

/**
 * Every problem type the router answers with: RFC 9457 `type` URI, HTTP status, title and a
 * stable `code`, one of the core's ERROR_CODES (docs/reference/errors.md). The URIs and codes never
 * change meaning; docs/integrations/express.md lists them.
 */
export const PROBLEM_TYPE_BASE = 'urn:mq:problem:';

export const PROBLEM_TYPES = {
  'malformed-json': { status: 400, title: 'Malformed JSON body', code: 'MQ_MALFORMED_JSON' },
  'invalid-body': { status: 400, title: 'Request body failed validation', code: 'MQ_INVALID_BODY' },
  'invalid-query': { status: 400, title: 'Query parameter is invalid', code: 'MQ_INVALID_QUERY' },
  'invalid-queue-name': { status: 400, title: 'Invalid queue name', code: 'MQ_INVALID_QUEUE_NAME' },
  'invalid-header': { status: 400, title: 'Request header is invalid', code: 'MQ_INVALID_HEADER' },
  'invalid-request': { status: 400, title: 'Request was rejected by the queue', code: 'MQ_INVALID_ARGUMENT' },
  unauthorized: { status: 401, title: 'Authentication required', code: 'MQ_UNAUTHORIZED' },
  forbidden: { status: 403, title: 'Not allowed', code: 'MQ_FORBIDDEN' },
  'queue-not-found': { status: 404, title: 'Unknown queue', code: 'MQ_QUEUE_NOT_FOUND' },
  'route-not-found': { status: 404, title: 'Unknown enqueue route', code: 'MQ_ROUTE_NOT_FOUND' },
  'not-found': { status: 404, title: 'No such endpoint', code: 'MQ_NOT_FOUND' },
  'message-not-found': { status: 404, title: 'No such message', code: 'MQ_MESSAGE_NOT_FOUND' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', code: 'MQ_METHOD_NOT_ALLOWED' },
  'duplicate-message': { status: 409, title: 'Message id already in the queue', code: 'MQ_DUPLICATE_MESSAGE_ID' },
  unroutable: { status: 422, title: 'No binding takes the message', code: 'MQ_UNROUTABLE' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with another request', code: 'MQ_IDEMPOTENCY_KEY_REUSED' },
  'payload-too-large': { status: 413, title: 'Request body too large', code: 'MQ_PAYLOAD_TOO_LARGE' },
  'unsupported-media-type': { status: 415, title: 'Request body must be application/json', code: 'MQ_UNSUPPORTED_MEDIA_TYPE' },
  'rate-limited': { status: 429, title: 'Too many requests', code: 'MQ_RATE_LIMITED' },
  unsupported: { status: 501, title: 'Not supported by the queue provider', code: 'MQ_UNSUPPORTED' },
  internal: { status: 500, title: 'Internal error', code: 'MQ_INTERNAL' },
  'provider-unavailable': { status: 503, title: 'Queue provider unavailable', code: 'MQ_PROVIDER_UNAVAILABLE' },
} as const satisfies Record<string, { status: number; title: string; code: MqErrorCode }>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;
