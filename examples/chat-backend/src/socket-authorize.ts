import { createHmac } from 'node:crypto';
import type { AuthorizeRoom } from '@mq/socketio';
import { sameSecret } from './admin-authorize.js';

/** The token a client sends as `auth: { userId, token }` when SOCKET_TOKEN_SECRET is set (your login issues it). */
export function socketToken(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('base64url');
}

/**
 * A socket may join only its own user's room. With a secret, `auth.token` must be the userId's
 * token; without one (development only, see readConfig) `auth.userId` is trusted. Conversation
 * rooms are refused: this example has no membership data to check them against.
 */
export function socketAuthorize(secret: string | undefined): AuthorizeRoom {
  return (socket, room) => {
    const auth = socket.handshake.auth as { userId?: unknown; token?: unknown };
    if (room.kind !== 'user' || room.id !== auth.userId) return false;
    if (secret === undefined) return true;
    return typeof auth.token === 'string' && sameSecret(auth.token, socketToken(secret, room.id));
  };
}
