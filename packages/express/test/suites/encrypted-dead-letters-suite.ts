import { aesGcmEncryption, MessageQueue } from '@mq/core';
import type { QueueProvider } from '@mq/core/provider';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createTestApp } from '../helpers/create-test-app.js';

const encryption = () => aesGcmEncryption({ keys: { k1: new Uint8Array(32).fill(7) }, activeKeyId: 'k1' });

/** GET /dead-letters of an encrypted queue: decrypted with the queue's keys, or redacted with redactPayloads. */
export function encryptedDeadLettersSuite(makeProvider: () => QueueProvider): void {
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

  async function failed(options: { redactPayloads?: boolean } = {}) {
    const queue = new MessageQueue({ provider: makeProvider(), encryption: encryption() });
    const { app } = await createTestApp({ queue, ...options });
    await queue.enqueue('chat_messages', queue.createMessage('chat_message', { text: 'private words' }, { maxRetries: 0, userId: 'u-42', conversationId: 'c-7', headers: { email: 'a@b.c' } }));
    const taken = await queue.dequeue('chat_messages');
    if (taken === null) throw new Error('expected a message');
    await queue.nack(taken, new Error('boom'));
    return request(app).get('/api/queue/dead-letters/chat_messages').set(auth).expect(200);
  }

  describe('GET /dead-letters/:queueName on an encrypted queue', () => {
    test('lists payloads and metadata decrypted with the queue keys', async () => {
      const res = await failed();
      expect(res.body.deadLetters).toHaveLength(1);
      expect(res.body.deadLetters[0]).toMatchObject({ payload: { text: 'private words' }, metadata: { userId: 'u-42', conversationId: 'c-7', headers: { email: 'a@b.c' } }, error: { message: 'boom' } });
      expect(res.body.deadLetters[0].redacted).toBeUndefined();
    });

    test('redactPayloads: true shows them redacted anyway, keeping the rest', async () => {
      const res = await failed({ redactPayloads: true });
      expect(res.body.deadLetters[0]).toMatchObject({
        type: 'chat_message',
        payload: '[redacted]',
        metadata: { userId: '[redacted]', conversationId: '[redacted]', headers: { email: '[redacted]' } },
        error: { message: 'boom' },
        redacted: true,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/private words|u-42|c-7|a@b\.c/);
    });
  });
}
