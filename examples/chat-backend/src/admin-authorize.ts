import { createHash, timingSafeEqual } from 'node:crypto';
import { MANAGEMENT_ACTIONS, type Authorize } from '@mq/express';

/**
 * Health, stats, size and enqueue are open; purge and dead-letter endpoints need
 * `Authorization: Bearer <QUEUE_ADMIN_TOKEN>`. Without a token (allowed in development only, see
 * readConfig) they are open.
 */
export function adminAuthorize(adminToken: string | undefined): Authorize {
  return (req, action) => {
    if (!MANAGEMENT_ACTIONS.has(action) || adminToken === undefined) return true;
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header);
    if (match === null) return { status: 401, wwwAuthenticate: 'Bearer realm="queue-admin"', detail: 'Send Authorization: Bearer <QUEUE_ADMIN_TOKEN>.' };
    return sameSecret(match[1] as string, adminToken);
  };
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
