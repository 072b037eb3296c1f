import type { Socket } from 'socket.io';
import type { AuthorizeRoom, RoomRequest } from './queue-events-options.js';
import { parseRoomRequest, roomName } from './rooms.js';

export const JOIN_EVENT = 'queue:join';
export const LEAVE_EVENT = 'queue:leave';
/** Sent once the rooms asked for at connection are decided: `{ rooms: string[] }`. */
export const ROOMS_EVENT = 'queue:rooms';

type Ack = (result: { ok: boolean; room?: string; error?: string }) => void;

/** Joins the rooms a new socket asks for (as far as `authorize` allows) and serves join/leave requests. */
export async function handleRoomJoins(socket: Socket, initial: RoomRequest[], authorize: AuthorizeRoom, onError: (error: unknown) => void): Promise<void> {
  socket.on(JOIN_EVENT, (value: unknown, ack?: unknown) => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
    const request = parseRoomRequest(value);
    if (request === undefined) return reply({ ok: false, error: 'Send { userId } or { conversationId }.' });
    tryJoin(socket, request, authorize, onError).then(
      (joined) => reply(joined ? { ok: true, room: roomName(request) } : { ok: false, error: 'Not allowed.' }),
      () => reply({ ok: false, error: 'Not allowed.' }),
    );
  });
  socket.on(LEAVE_EVENT, (value: unknown, ack?: unknown) => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
    const request = parseRoomRequest(value);
    if (request === undefined) return reply({ ok: false, error: 'Send { userId } or { conversationId }.' });
    Promise.resolve(socket.leave(roomName(request))).then(
      () => reply({ ok: true, room: roomName(request) }),
      () => reply({ ok: false }),
    );
  });
  const rooms: string[] = [];
  for (const request of initial) if (await tryJoin(socket, request, authorize, onError)) rooms.push(roomName(request));
  socket.emit(ROOMS_EVENT, { rooms });
}

async function tryJoin(socket: Socket, request: RoomRequest, authorize: AuthorizeRoom, onError: (error: unknown) => void): Promise<boolean> {
  let allowed: boolean;
  try {
    allowed = (await authorize(socket, request)) === true;
  } catch (error) {
    onError(error);
    return false;
  }
  if (allowed && socket.connected) await socket.join(roomName(request));
  return allowed && socket.connected;
}
