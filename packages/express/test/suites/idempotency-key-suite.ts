import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/create-test-app.js';
import { CHAT_BODY } from '../helpers/spec-routes.js';

const CHAT = '/api/queue/enqueue/chat';

/** Idempotency-Key on the enqueue routes, on whichever provider the test file chose (useQueueFactory). */
export function idempotencyKeySuite(): void {
  describe('Idempotency-Key on POST /enqueue/<route>', () => {
    test('a repeated request with the key and the same body answers the first response, replayed, and enqueues nothing', async () => {
      const { app, queue } = await createTestApp();
      const first = await request(app).post(CHAT).set('Idempotency-Key', 'order-42').send(CHAT_BODY).expect(202);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await request(app).post(CHAT).set('Idempotency-Key', 'order-42').send(CHAT_BODY).expect(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await queue.getStats('chat_messages')).toMatchObject({ readyMessages: 1 });
      expect((await queue.dequeue('chat_messages'))?.id).toBe(first.body.messageId);
    });

    test('the key still holds after the first message was processed', async () => {
      const { app, queue } = await createTestApp();
      const first = await request(app).post(CHAT).set('Idempotency-Key', 'k-acked').send(CHAT_BODY).expect(202);
      const taken = await queue.dequeue('chat_messages');
      await queue.ack(taken!);
      const again = await request(app).post(CHAT).set('Idempotency-Key', 'k-acked').send(CHAT_BODY).expect(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.messageId).toBe(first.body.messageId);
      expect(await queue.size('chat_messages')).toBe(0);
    });

    test('the same key with another body answers 422 problem+json and enqueues nothing', async () => {
      const { app, queue } = await createTestApp();
      await request(app).post(CHAT).set('Idempotency-Key', 'k-1').send(CHAT_BODY).expect(202);
      const res = await request(app)
        .post(CHAT)
        .set('Idempotency-Key', 'k-1')
        .send({ ...CHAT_BODY, message: 'another' })
        .expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:mq:problem:idempotency-key-reused', code: 'MQ_IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
      expect(await queue.size('chat_messages')).toBe(1);
    });

    test('concurrent requests with one key enqueue one message, and every answer names it', async () => {
      const { app, queue } = await createTestApp();
      const answers = await Promise.all(Array.from({ length: 8 }, () => request(app).post(CHAT).set('Idempotency-Key', 'burst').send(CHAT_BODY).expect(202)));
      const ids = new Set(answers.map((res) => res.body.messageId as string));
      expect(ids.size).toBe(1);
      expect(answers.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
      expect(await queue.size('chat_messages')).toBe(1);
    });

    test('a second instance on the same store answers the repeated key from the first', async () => {
      const { app, peer } = await createTestApp();
      const other = await createTestApp({ queue: await peer() });
      const first = await request(app).post(CHAT).set('Idempotency-Key', 'shared').send(CHAT_BODY).expect(202);
      const again = await request(other.app).post(CHAT).set('Idempotency-Key', 'shared').send(CHAT_BODY).expect(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.messageId).toBe(first.body.messageId);
      await request(other.app)
        .post(CHAT)
        .set('Idempotency-Key', 'shared')
        .send({ ...CHAT_BODY, message: 'changed' })
        .expect(422);
    });

    test('different keys, and requests without a key, enqueue each time', async () => {
      const { app, queue } = await createTestApp();
      await request(app).post(CHAT).set('Idempotency-Key', 'a').send(CHAT_BODY).expect(202);
      await request(app).post(CHAT).set('Idempotency-Key', 'b').send(CHAT_BODY).expect(202);
      await request(app).post(CHAT).send(CHAT_BODY).expect(202);
      await request(app).post(CHAT).send(CHAT_BODY).expect(202);
      expect(await queue.size('chat_messages')).toBe(4);
    });

    test('a malformed key answers 400 invalid-header and enqueues nothing', async () => {
      const { app, queue } = await createTestApp();
      const res = await request(app).post(CHAT).set('Idempotency-Key', 'x'.repeat(256)).send(CHAT_BODY).expect(400);
      expect(res.body).toMatchObject({ code: 'MQ_INVALID_HEADER', field: 'Idempotency-Key' });
      expect(await queue.size('chat_messages')).toBe(0);
    });
  });
}
