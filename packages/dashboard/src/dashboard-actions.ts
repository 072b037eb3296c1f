import type { Authorize, QueueAction } from '@mq/express';

/** What the page reads through the queue router. */
export const READ_ACTIONS: ReadonlySet<QueueAction> = new Set<QueueAction>(['health', 'stats', 'size', 'messages:list', 'messages:get', 'messages:search', 'deadLetters:list']);

/** What the page's buttons do; refused in read-only mode. */
export const WRITE_ACTIONS: ReadonlySet<QueueAction> = new Set<QueueAction>([
  'messages:replay',
  'messages:delete',
  'messages:promote',
  'messages:priority',
  'queue:pause',
  'queue:resume',
  'purge',
]);

/**
 * The authorize hook of the queue router inside the dashboard: the request already passed the
 * dashboard's own authorize (and, for writes, the CSRF check). Reads are allowed, writes unless
 * read-only, and everything else the router serves (enqueue, publish, deleteQueue…) never: the
 * dashboard only shows and acts on what is stored.
 */
export function dashboardActions(readOnly: boolean): Authorize {
  return (_req, action) => {
    if (READ_ACTIONS.has(action)) return true;
    if (WRITE_ACTIONS.has(action)) return readOnly ? { status: 403, detail: 'This dashboard is read-only.' } : true;
    return { status: 403, detail: `The dashboard does not serve "${action}".` };
  };
}
