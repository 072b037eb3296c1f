import { createServer } from 'node:http';
import { MessageQueue, ValidationError, type MqErrorCode } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { attachQueueEvents, type QueueEventsOptions } from '../src/index.js';

const queue = new MessageQueue({ provider: createInMemoryProvider() });
// Never listens: attachQueueEvents only registers a connection listener on it.
const io = new Server();
beforeAll(() => queue.connect());
afterAll(() => queue.disconnect());

const valid: QueueEventsOptions = { events: { chat_messages: 'queue_processed_chat' }, authorize: () => true };

async function expectRefusal(attach: Promise<unknown>, code: MqErrorCode, message: RegExp, field: string): Promise<void> {
  const error = await attach.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ code, message: expect.stringMatching(message), details: expect.objectContaining({ field }) });
}

const withOptions = (options: Record<string, unknown>) => attachQueueEvents(io, queue, { ...valid, ...options } as never);

describe('attachQueueEvents refuses bad arguments (MQ_INVALID_ARGUMENT) and bad options (MQ_INVALID_CONFIG)', () => {
  test('something other than a Socket.IO server or namespace, or than a queue', async () => {
    await expectRefusal(attachQueueEvents(createServer() as never, queue, valid), 'MQ_INVALID_ARGUMENT', /needs a Socket.IO Server or Namespace/, 'io');
    await expectRefusal(attachQueueEvents(undefined as never, queue, valid), 'MQ_INVALID_ARGUMENT', /needs a Socket.IO Server or Namespace/, 'io');
    await expectRefusal(attachQueueEvents(io, {} as never, valid), 'MQ_INVALID_ARGUMENT', /needs a MessageQueue/, 'queue');
  });

  test('no options, or no authorize hook', async () => {
    await expectRefusal(attachQueueEvents(io, queue, undefined as never), 'MQ_INVALID_CONFIG', /attachQueueEvents needs options/, 'options');
    await expectRefusal(withOptions({ authorize: undefined }), 'MQ_INVALID_CONFIG', /needs an authorize\(socket, room\) hook/, 'authorize');
  });

  test('events that are not a map of queue name to event name', async () => {
    await expectRefusal(withOptions({ events: undefined }), 'MQ_INVALID_CONFIG', /events must be an object of queue name → event name/, 'events');
    await expectRefusal(withOptions({ events: ['queue_processed_chat'] }), 'MQ_INVALID_CONFIG', /events must be an object/, 'events');
    await expectRefusal(withOptions({ events: { chat_messages: '' } }), 'MQ_INVALID_CONFIG', /The event name for queue "chat_messages" must be a non-empty string/, 'events.chat_messages');
    await expectRefusal(withOptions({ events: { 'chat messages': 'queue_processed_chat' } }), 'MQ_INVALID_QUEUE_NAME', /Invalid queue name "chat messages" in events/, 'events');
    await expectRefusal(withOptions({ deadLetterEvents: 'queue_dead' }), 'MQ_INVALID_CONFIG', /deadLetterEvents must be an object/, 'deadLetterEvents');
    await expectRefusal(
      withOptions({ deadLetterEvents: { chat_messages: 7 } }),
      'MQ_INVALID_CONFIG',
      /The event name for queue "chat_messages" must be a non-empty string/,
      'deadLetterEvents.chat_messages',
    );
  });

  test('hooks that are not functions', async () => {
    for (const hook of ['initialRooms', 'rooms', 'payload', 'onError']) {
      await expectRefusal(withOptions({ [hook]: ['user:1'] }), 'MQ_INVALID_CONFIG', new RegExp(`${hook} must be a function`), hook);
    }
  });

  test('a Server or a Namespace with valid options attaches', async () => {
    for (const target of [io, io.of('/')]) {
      const binding = await attachQueueEvents(target, queue, valid);
      await binding.close();
    }
  });
});
