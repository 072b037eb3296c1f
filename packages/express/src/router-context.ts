import type { MessageQueue } from '@mq/core';
import type { RequestHandler, Response } from 'express';
import type { QueueAction } from './queue-router-options.js';
import type { RouteMethod } from './route-table.js';

/** Where a guarded route finds its queue name: the `:queueName` param, `?queueName=`, none, or a fixed name. */
export type QueueNameSource = 'param' | 'query' | 'none' | { fixed: string };

/** What the route modules share. */
export interface RouterContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly queue: MessageQueue<any>;
  /** options.redactPayloads: dead-letter listings hide payloads and personal metadata. */
  readonly redactPayloads: boolean;
  /**
   * Resolves the queue name (400 malformed, 404 unknown), then authorizes the action (401/403).
   * The name is left in res.locals.queueName.
   */
  guard(action: QueueAction, source: QueueNameSource): RequestHandler;
  /** Parses a JSON body (required or optional) within the body limit. */
  jsonBody(required: boolean): RequestHandler;
  /** Mounts a route on the router (and records its method for 405 answers). */
  route(method: RouteMethod, path: string, ...handlers: RequestHandler[]): void;
}

/** The queue name a guard resolved (undefined for routes without one). */
export function guardedQueueName(res: Response): string | undefined {
  return (res.locals as { queueName?: string }).queueName;
}

/**
 * The queue name of a route guarded with 'param' or a fixed name. Throwing here is a bug in this
 * package's route wiring (every such route is mounted behind its guard), never a user's input, so
 * it stays a plain error: the error handler answers it as a 500 and hands it to onError.
 */
export function requiredQueueName(res: Response): string {
  const name = guardedQueueName(res);
  if (name === undefined) throw new TypeError('route is missing its queue-name guard');
  return name;
}
