import type { Request } from 'express';
import { ProblemError } from './problem.js';
import { MANAGEMENT_ACTIONS, type Authorize, type QueueAction } from './queue-router-options.js';

/** Runs the authorize hook (or the default policy) and throws a 401/403 ProblemError when refused. */
export async function authorizeAction(authorize: Authorize | undefined, req: Request, action: QueueAction, queueName: string | undefined): Promise<void> {
  if (authorize === undefined) {
    if (MANAGEMENT_ACTIONS.has(action)) {
      throw new ProblemError('forbidden', `"${action}" is a management action; pass an authorize hook to createQueueRouter to allow it.`);
    }
    return;
  }
  const decision = await authorize(req, action, queueName);
  if (decision === true) return;
  if (decision === false) throw new ProblemError('forbidden', `Not allowed to ${action}${queueName === undefined ? '' : ` on queue "${queueName}"`}.`);
  const headers: Record<string, string> = decision.wwwAuthenticate === undefined ? {} : { 'WWW-Authenticate': decision.wwwAuthenticate };
  if (decision.status === 401) throw new ProblemError('unauthorized', decision.detail ?? 'Authentication is required.', { headers });
  throw new ProblemError('forbidden', decision.detail ?? `Not allowed to ${action}.`, { headers });
}
