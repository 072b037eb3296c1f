import type { DashboardAuthorize } from '@mq/dashboard';
import { sameSecret } from './admin-authorize.js';

/**
 * The dashboard (page, assets, API, event stream) behind QUEUE_ADMIN_TOKEN: a browser logs in with
 * HTTP Basic (any user name, the token as password; the 401 makes it ask), a script may send
 * `Authorization: Bearer <token>`. Without a token (development only, see readConfig) it is open.
 */
export function dashboardAuthorize(adminToken: string | undefined): DashboardAuthorize {
  return (req) => {
    if (adminToken === undefined) return true;
    const header = req.get('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header);
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    const given = bearer !== null ? bearer[1] : basic !== null ? passwordOf(basic[1] as string) : undefined;
    if (given !== undefined && sameSecret(given, adminToken)) return true;
    return { status: 401, wwwAuthenticate: 'Basic realm="queue-dashboard", charset="UTF-8"', detail: 'Log in with QUEUE_ADMIN_TOKEN as the password.' };
  };
}

function passwordOf(credentials: string): string | undefined {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}
