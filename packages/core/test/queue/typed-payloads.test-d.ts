import { createMessageQueue, type ReceivedMessage } from '@mq/core';
import { describe, expectTypeOf, it } from 'vitest';

interface ChatQueues {
  chat_messages: { userId: string; text: string };
  agent_responses: { reply: string; tokens: number };
}

describe('createMessageQueue<QueueMap>() checks payloads per queue name', () => {
  const queue = createMessageQueue<ChatQueues>();

  it('accepts the right payload for each queue', () => {
    expectTypeOf(queue.enqueue('chat_messages', queue.createMessage('chat', { userId: 'u', text: 'hi' }))).toEqualTypeOf<Promise<string>>();
    expectTypeOf(queue.enqueueMany('agent_responses', [queue.createMessage('r', { reply: 'ok', tokens: 3 })])).toEqualTypeOf<Promise<string[]>>();
  });

  it('rejects a wrong payload or an unknown queue at compile time', () => {
    // @ts-expect-error text must be a string
    void queue.enqueue('chat_messages', queue.createMessage('chat', { userId: 'u', text: 42 }));
    // @ts-expect-error a chat payload does not fit agent_responses
    void queue.enqueue('agent_responses', queue.createMessage('chat', { userId: 'u', text: 'hi' }));
    // @ts-expect-error not a queue of the map
    void queue.enqueue('unknown_queue', queue.createMessage('x', { userId: 'u', text: 'hi' }));
  });

  it('types dequeued messages and subscribe handlers by queue', () => {
    expectTypeOf(queue.dequeue('agent_responses')).toEqualTypeOf<Promise<ReceivedMessage<{ reply: string; tokens: number }> | null>>();
    queue.subscribe('chat_messages', (message) => {
      expectTypeOf(message.payload.text).toBeString();
      // @ts-expect-error no such field on chat payloads
      void message.payload.reply;
    });
  });

  it('types event payloads as the union of the map', () => {
    queue.on('deadLetter', ({ message }) => {
      expectTypeOf(message.payload).toEqualTypeOf<{ userId: string; text: string } | { reply: string; tokens: number }>();
    });
  });

  it('accepts any queue and payload without a map, as the spec\'s examples do', () => {
    const untyped = createMessageQueue();
    void untyped.enqueue('custom_queue', untyped.createMessage('custom_event', { anything: true }));
    void untyped.dequeue('test_queue').then((m) => m?.payload.data);
  });
});
