import type { ActivityEvent, MessageQueue } from '@mq/core';
import type { Namespace, Server, Socket } from 'socket.io';
import { checkQueueEventsArguments } from './check-queue-events-arguments.js';
import type { QueueEventsBinding, QueueEventsOptions } from './queue-events-options.js';
import { handleRoomJoins } from './room-joins.js';
import { defaultRooms, handshakeRooms } from './rooms.js';
import { toSocketPayload } from './to-socket-payload.js';

/**
 * Emits completed (and optionally dead-lettered) messages to the rooms of their user and
 * conversation, and lets sockets join rooms as far as `authorize` allows. Events come from
 * queue.subscribeEvents(): with a cross-instance provider (Redis, producers with publishEvents)
 * each instance gets every event once and emits it to its own sockets only, so each client gets
 * it once whichever instance processed it. Call after queue.connect().
 */
export async function attachQueueEvents(
  io: Server | Namespace,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  queue: MessageQueue<any>,
  options: QueueEventsOptions,
): Promise<QueueEventsBinding> {
  checkQueueEventsArguments(io, queue, options);
  const onError = options.onError ?? (() => undefined);
  const roomsOf = options.rooms ?? defaultRooms;
  const payloadOf = options.payload ?? toSocketPayload;
  const initialRooms = options.initialRooms ?? handshakeRooms;

  const onConnection = (socket: Socket): void => {
    handleRoomJoins(socket, initialRooms(socket), options.authorize, onError).catch(onError);
  };
  const namespace: Namespace = 'of' in io && typeof io.of === 'function' ? io.of('/') : (io as Namespace);

  const emit = (event: ActivityEvent): void => {
    const name = event.event === 'completed' ? options.events[event.queueName] : options.deadLetterEvents?.[event.queueName];
    if (name === undefined) return;
    try {
      const rooms = roomsOf(event);
      if (rooms.length === 0) return;
      // local: only this instance's sockets. Other instances get the same event from the queue.
      namespace.local.to(rooms).emit(name, payloadOf(event));
    } catch (error) {
      onError(error);
    }
  };

  const stop = await queue.subscribeEvents(emit);
  namespace.on('connection', onConnection);
  let closed: Promise<void> | undefined;
  return {
    close: () => {
      closed ??= (async () => {
        namespace.off('connection', onConnection);
        await stop();
      })();
      return closed;
    },
  };
}
