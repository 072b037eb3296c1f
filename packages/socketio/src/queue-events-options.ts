import type { ActivityEvent } from '@mq/core';
import type { Socket } from 'socket.io';

/** A room a socket wants to be in: a user's or a conversation's. */
export interface RoomRequest {
  kind: 'user' | 'conversation';
  id: string;
}

/** Decides whether `socket` may join the room; the client's word alone is never enough. */
export type AuthorizeRoom = (socket: Socket, room: RoomRequest) => boolean | Promise<boolean>;

export interface QueueEventsOptions {
  /** Queue name → event emitted when a message of that queue completes, e.g. `{ chat_messages: 'queue_processed_chat' }`. */
  events: Readonly<Record<string, string>>;
  /** Queue name → event emitted when a message of that queue is dead-lettered. Default none. */
  deadLetterEvents?: Readonly<Record<string, string>>;
  /** Decides every room join, at connection and on `queue:join`. */
  authorize: AuthorizeRoom;
  /** Rooms a socket asks for when it connects; default `userId` / `conversationId` of `socket.handshake.auth`. */
  initialRooms?: (socket: Socket) => RoomRequest[];
  /** Rooms an event goes to; default the user's and the conversation's room of the message's metadata. */
  rooms?: (event: ActivityEvent) => string[];
  /** What clients receive; default `toSocketPayload(event)`. */
  payload?: (event: ActivityEvent) => unknown;
  /** Called when an emit fails or a join hook throws. Default: ignored. */
  onError?: (error: unknown) => void;
}

/** What attachQueueEvents returns: stop it with close() before disconnecting the queue. */
export interface QueueEventsBinding {
  close(): Promise<void>;
}
