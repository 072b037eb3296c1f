import type { ActivityEvent } from '@mq/core';
import type { Socket } from 'socket.io';
import type { RoomRequest } from './queue-events-options.js';

const ID_MAX_LENGTH = 256;

/** The Socket.IO room name of a user or conversation. */
export function roomName(room: RoomRequest): string {
  return `${room.kind}:${room.id}`;
}

/** Default routing: the rooms of the message's metadata userId and conversationId. */
export function defaultRooms(event: ActivityEvent): string[] {
  const { userId, conversationId } = event.message.metadata;
  const rooms: string[] = [];
  if (isId(userId)) rooms.push(roomName({ kind: 'user', id: userId }));
  if (isId(conversationId)) rooms.push(roomName({ kind: 'conversation', id: conversationId }));
  return rooms;
}

/** Default initial rooms: `auth: { userId, conversationId }` of the handshake. */
export function handshakeRooms(socket: Socket): RoomRequest[] {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  const requests: RoomRequest[] = [];
  if (isId(auth?.userId)) requests.push({ kind: 'user', id: auth.userId });
  if (isId(auth?.conversationId)) requests.push({ kind: 'conversation', id: auth.conversationId });
  return requests;
}

/** A `queue:join` / `queue:leave` argument, if well-formed: `{ userId }` or `{ conversationId }`. */
export function parseRoomRequest(value: unknown): RoomRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { userId, conversationId } = value as Record<string, unknown>;
  if (isId(userId) && conversationId === undefined) return { kind: 'user', id: userId };
  if (isId(conversationId) && userId === undefined) return { kind: 'conversation', id: conversationId };
  return undefined;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= ID_MAX_LENGTH;
}
