import type { Clock, MessageQueue } from '@mq/core';
import type { AuthorizeDecision } from '@mq/express';
import type { Request } from 'express';

/** Decides every request to the dashboard (its page, its assets, its JSON API and its event stream). */
export type DashboardAuthorize = (req: Request) => AuthorizeDecision | Promise<AuthorizeDecision>;

export interface DashboardOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  queue: MessageQueue<any>;
  /** Hides every action on the page and refuses them on the server (403). Default false. */
  readOnly?: boolean;
  /**
   * Called for every request under the mount point, static assets included: true lets it through,
   * false is a 403, `{ status: 401, wwwAuthenticate: 'Basic realm="queues"' }` asks the browser for a
   * login. Default: every request is allowed (put the dashboard behind your own auth, or pass one).
   */
  authorize?: DashboardAuthorize;
  /**
   * Show `"[redacted]"` for payloads, userId, conversationId and header values even where the queue's
   * keys decrypt them; search by payload text, user and conversation is then refused. Default false.
   */
  redactPayloads?: boolean;
  /** Where the charts read time (one-minute buckets over the last hour). Default: the system clock. */
  clock?: Clock;
  /** How often the page polls when the event stream is down, ms. Default 5000. */
  pollIntervalMs?: number;
  /** Called with errors that become 5xx responses (the response never carries their text). */
  onError?: (error: unknown, req: Request) => void;
}
