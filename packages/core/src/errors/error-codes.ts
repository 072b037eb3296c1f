/**
 * Every error code @mq throws, with the one-line meaning that `docs/reference/errors.md` repeats.
 * A test keeps the two in sync: add a code here and document it there.
 */
export const ERROR_CODES = {
  MQ_INVALID_PRIORITY: 'A priority is not an integer from 1 to 10.',
  MQ_INVALID_DELAY: 'A delay is not a finite number of milliseconds >= 0.',
  MQ_INVALID_MAX_RETRIES: 'maxRetries is not an integer >= 0.',
  MQ_INVALID_QUEUE_NAME: 'A queue name is empty, longer than 128 characters, or has characters outside [A-Za-z0-9_.:-].',
  MQ_INVALID_PAYLOAD: 'A payload is missing or not JSON-serialisable (function, symbol, BigInt, cycle, non-finite number).',
  MQ_INVALID_MESSAGE: 'A value passed as a message is not one made by createMessage() (or a field of it is malformed).',
  MQ_INVALID_ARGUMENT: 'An argument or option has the wrong type or is out of range.',
  MQ_INVALID_CONFIG: 'Configuration (MESSAGE_QUEUE_PROVIDER, REDIS_URL, factory options) is malformed.',
  MQ_PROVIDER_NOT_INSTALLED: 'The provider package named by the configuration is not installed.',
  MQ_DUPLICATE_MESSAGE_ID: 'A message with the same id is already in the queue.',
  MQ_NOT_CONNECTED: 'A call was made before connect() resolved.',
  MQ_CLOSED: 'A call was made after disconnect(); a queue cannot be reopened.',
  MQ_LEASE_LOST: 'ack/nack of a message whose lease expired or was taken over by another consumer.',
  MQ_LEASE_EXPIRED: 'A message whose lease expired on its final attempt (its consumer died or hung) was dead-lettered.',
  MQ_HANDLER_TIMEOUT: 'A subscribe handler ran longer than its timeoutMs.',
  MQ_UNRECOVERABLE: 'A handler threw UnrecoverableError: the message skips its retries and is dead-lettered.',
  MQ_PROVIDER_UNAVAILABLE: 'The backing store (e.g. Redis) is unreachable or timed out; or (Redis waitForReplicas) an enqueue was stored on the primary but fewer replicas than required confirmed it in time.',
  MQ_PROVIDER_ERROR: 'The provider broke its contract or failed in an unexpected way.',
  MQ_UNSUPPORTED: 'The provider (or this version) cannot do what was asked, e.g. a feature its capabilities do not declare.',
  MQ_STORE_CORRUPT: 'A persistence file of the in-memory provider has a bad record before its end (not a torn tail); connect() stops and names the file and offset.',
  MQ_STORE_LOCKED: 'A persistence folder of the in-memory provider is in use by another running process (its pid is named).',
  MQ_UNROUTABLE: 'publish() with { mandatory: true } found no binding (pattern and filter) for the message; nothing was stored.',
  MQ_DECODE_FAILED: 'A stored message could not be read back (unknown format, stage or key, failed authentication, corrupt body); it is dead-lettered with this code.',
  // The `code` of @mq/express's problem+json answers (its PROBLEM_TYPES); never thrown by the core.
  MQ_MALFORMED_JSON: 'An HTTP request body is not valid JSON, or could not be read.',
  MQ_INVALID_BODY: 'An HTTP request body failed validation: its schema, a forbidden key (__proto__, constructor, prototype), a missing body or malformed ids.',
  MQ_INVALID_QUERY: 'A query parameter of an HTTP request is malformed, given twice, or combined with one it excludes.',
  MQ_UNAUTHORIZED: 'An HTTP request needs authentication: the authorize hook answered 401.',
  MQ_FORBIDDEN: 'An HTTP request is not allowed: the authorize hook refused it, or it is a management action and the router has no authorize hook.',
  MQ_QUEUE_NOT_FOUND: "An HTTP request names a queue that is not in the router's queues option.",
  MQ_ROUTE_NOT_FOUND: 'POST /enqueue/<name> names no enqueue route of the router.',
  MQ_NOT_FOUND: "There is no endpoint at this path under the router's mount point.",
  MQ_MESSAGE_NOT_FOUND: 'An admin route names a message id the queue does not hold (completed, deleted or never enqueued).',
  MQ_METHOD_NOT_ALLOWED: 'The endpoint does not serve this HTTP method; the Allow header lists those it does.',
  MQ_PAYLOAD_TOO_LARGE: 'An HTTP request body is larger than the body limit.',
  MQ_UNSUPPORTED_MEDIA_TYPE: 'An HTTP request body is not UTF-8 JSON (application/json or application/*+json).',
  MQ_INVALID_HEADER: 'An HTTP request header is malformed (Idempotency-Key: 1–255 visible ASCII characters).',
  MQ_IDEMPOTENCY_KEY_REUSED: 'An HTTP request reused an Idempotency-Key with another body (or route) within the key\'s lifetime; nothing was enqueued.',
  MQ_RATE_LIMITED: 'A client sent more enqueue requests than the rate limit allows in its window; Retry-After says when to try again.',
  MQ_INTERNAL: 'An HTTP request failed unexpectedly; the answer carries a fixed text and the error goes to onError.',
} as const;

export type MqErrorCode = keyof typeof ERROR_CODES;
