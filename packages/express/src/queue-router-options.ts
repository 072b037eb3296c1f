import type { CreateMessageOptions } from '@mq/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Request } from 'express';
import type { OpenApiOptions } from './openapi-options.js';
import type { RateLimitOptions } from './rate-limit.js';

/** What `GET /metrics` serves: the exposition text and its content type (a prom-client Registry is one). */
export interface MetricsSource {
  metrics(): Promise<string> | string;
  readonly contentType: string;
}

/** What a request wants to do; the `authorize` hook decides per action and queue. */
export type QueueAction =
  | 'health'
  | 'stats'
  | 'size'
  | 'openapi'
  | 'metrics'
  | 'enqueue'
  | 'publish'
  | 'bindings'
  | 'purge'
  | 'deleteQueue'
  | 'deadLetters:list'
  | 'deadLetters:replay'
  | 'deadLetters:purge'
  | 'messages:list'
  | 'messages:get'
  | 'messages:search'
  | 'messages:replay'
  | 'messages:delete'
  | 'messages:promote'
  | 'messages:priority'
  | 'queue:pause'
  | 'queue:resume';

/** Actions that read or change stored messages; refused unless an `authorize` hook allows them. */
export const MANAGEMENT_ACTIONS: ReadonlySet<QueueAction> = new Set<QueueAction>([
  'purge',
  'deleteQueue',
  'deadLetters:list',
  'deadLetters:replay',
  'deadLetters:purge',
  'messages:list',
  'messages:get',
  'messages:search',
  'messages:replay',
  'messages:delete',
  'messages:promote',
  'messages:priority',
  'queue:pause',
  'queue:resume',
]);

/** true: allowed. false: 403. An object: 401 or 403 with your detail and WWW-Authenticate header. */
export type AuthorizeDecision = boolean | { status: 401 | 403; detail?: string; wwwAuthenticate?: string };

export type Authorize = (req: Request, action: QueueAction, queueName: string | undefined) => AuthorizeDecision | Promise<AuthorizeDecision>;

/** What an enqueue route turns a valid body into; the router builds it with queue.createMessage(). */
export interface MessageSpec {
  type: string;
  payload: unknown;
  options?: CreateMessageOptions;
}

/** `POST /enqueue/<name>`: validate the body with `body`, then enqueue `toMessage(body)` on `queueName`. */
export interface EnqueueRoute<S extends StandardSchemaV1 = StandardSchemaV1> {
  queueName: string;
  /** Any Standard Schema validator (zod 4, valibot, arktype…). Make it strict to reject unknown fields. */
  body: S;
  toMessage(body: StandardSchemaV1.InferOutput<S>, req: Request): MessageSpec | Promise<MessageSpec>;
  /** For the OpenAPI document. */
  summary?: string;
  description?: string;
  /** JSON Schema of the body for OpenAPI, when the validator cannot produce one itself. */
  jsonSchema?: Record<string, unknown>;
}

/** `POST /publish/:topic`: validate the body with `body`, then publish `toMessage(body, req, topic)` to the topic. */
export interface PublishRoute<S extends StandardSchemaV1 = StandardSchemaV1> {
  body: S;
  toMessage(body: StandardSchemaV1.InferOutput<S>, req: Request, topic: string): MessageSpec | Promise<MessageSpec>;
  /** true: a message no binding takes is refused (422 `unroutable`) instead of answered with routedTo []. */
  mandatory?: boolean;
  summary?: string;
  description?: string;
  jsonSchema?: Record<string, unknown>;
}

export interface QueueRouterOptions {
  /** `POST /publish/:topic` (routing rules, docs/routing.md); without it the path is not served. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  publishRoute?: PublishRoute<any>;
  /** Named enqueue routes, e.g. `{ chat: defineEnqueueRoute({...}) }` → `POST /enqueue/chat`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  enqueueRoutes?: Record<string, EnqueueRoute<any>>;
  /** Queue names the endpoints accept; others get 404. Default: any valid name. */
  queues?: readonly string[];
  /**
   * Decides every action. Without it, health/stats/size/openapi/enqueue/publish/bindings are allowed and the
   * management actions (purge, dead letters) are refused with 403.
   */
  authorize?: Authorize;
  /** Largest JSON body; bytes or a string like '1mb'. Default '1mb'. */
  bodyLimit?: number | string;
  /** Per-client limit on the enqueue routes and the publish route (one limit, shared). Default none. */
  rateLimit?: RateLimitOptions;
  openapi?: OpenApiOptions;
  /**
   * Serves `GET /metrics` with this: `createPrometheusMetrics(queue)` from @mq/prometheus, a
   * prom-client Registry, or anything with `metrics()` and `contentType`. Default none (404).
   * Allowed without an `authorize` hook, like stats (action 'metrics').
   */
  metrics?: MetricsSource;
  /**
   * Dead-letter listings and the admin routes' messages show `"[redacted]"` for payloads, userId, conversationId and header values
   * (and `redacted: true`), even where the queue's keys decrypt them (docs/encryption.md). Default false.
   */
  redactPayloads?: boolean;
  /**
   * How long an `Idempotency-Key` of an enqueue route is kept, in ms (docs/deduplication.md "REST"):
   * a request repeating it with the same body within this time is answered from the first
   * (`Idempotent-Replayed: true`), with another body 422. Default 86400000 (24 h).
   */
  idempotencyKeyTtlMs?: number;
  /** Called with errors that become 5xx responses (the response itself never carries their text). */
  onError?: (error: unknown, req: Request) => void;
}
