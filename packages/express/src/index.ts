// The router and its options.
export { createQueueRouter } from './create-queue-router.js';
export { defineEnqueueRoute } from './define-enqueue-route.js';
export { MANAGEMENT_ACTIONS } from './queue-router-options.js';
export type { Authorize, AuthorizeDecision, EnqueueRoute, MessageSpec, MetricsSource, PublishRoute, QueueAction, QueueRouterOptions } from './queue-router-options.js';
export type { OpenApiOptions } from './openapi-options.js';
// The pieces for your own routes beside the router (same bodies, limits and problem answers).
export { rateLimit } from './rate-limit.js';
export type { RateLimitOptions } from './rate-limit.js';
export { jsonBody } from './json-body.js';
export type { JsonBodyOptions } from './json-body.js';
export { validateBody } from './validate-body.js';
export type { BodyIssue } from './validate-body.js';
export { methodNotAllowed } from './method-not-allowed.js';
export { queueErrorHandler } from './queue-error-handler.js';
export { ProblemError } from './problem.js';
// What the answers are: RFC 9457 problem types with their status and code.
export type { Problem } from './problem.js';
export { PROBLEM_TYPE_BASE, PROBLEM_TYPES } from './problem-types.js';
export type { ProblemKind } from './problem-types.js';
