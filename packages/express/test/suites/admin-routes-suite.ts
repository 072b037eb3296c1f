import type { MessageQueue } from '@mq/core';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createTestApp, deadLetterOne, providerName } from '../helpers/create-test-app.js';

const Q = 'chat_messages';
const allowAll = () => true;

async function seed(queue: MessageQueue): Promise<{ ready: string; delayed: string; dead: string; processing: string }> {
  const processing = await queue.enqueue(Q, queue.createMessage('chat', { text: 'taken' }, { priority: 10 }));
  const taken = await queue.dequeue(Q);
  expect(taken?.id).toBe(processing);
  const ready = await queue.enqueue(Q, queue.createMessage('chat', { text: 'Hello World' }, { userId: 'u-1', conversationId: 'c-1' }));
  const delayed = await queue.enqueue(Q, queue.createMessage('proactive', { text: 'later' }, { delayMs: 3_600_000 }));
  const dead = await deadLetterOne(queue, 'agent_responses', { text: 'failed' });
  return { ready, delayed, dead, processing };
}

/** The admin routes (admin-routes.ts) end to end on the queues of useQueueFactory (memory by default). */
export function adminRoutesSuite(): void {
describe(`admin routes (${providerName()})`, () => {
  test('GET /queues/:q/messages lists one state, paged by cursor, each message once', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await queue.enqueue(Q, queue.createMessage('chat', { i })));
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await request(app).get(`/api/queue/queues/${Q}/messages`).query({ state: 'ready', limit: '2', ...(cursor === '' ? {} : { cursor }) });
      expect(res.status).toBe(200);
      expect(res.body.queueName).toBe(Q);
      for (const item of res.body.items) {
        expect(item.state).toBe('ready');
        seen.push(item.id);
      }
      cursor = res.body.nextCursor;
      pages++;
    }
    expect(seen.sort()).toEqual([...ids].sort());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  test('GET /queues/:q/messages/:id shows state and details; an unknown id is 404 message-not-found', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll });
    const { ready, delayed, processing } = await seed(queue);
    const got = await request(app).get(`/api/queue/queues/${Q}/messages/${ready}`);
    expect(got.status).toBe(200);
    expect(got.body.message).toMatchObject({ id: ready, state: 'ready', type: 'chat', payload: { text: 'Hello World' }, attempts: 0 });
    expect((await request(app).get(`/api/queue/queues/${Q}/messages/${delayed}`)).body.message.state).toBe('delayed');
    const leased = await request(app).get(`/api/queue/queues/${Q}/messages/${processing}`);
    expect(leased.body.message.state).toBe('processing');
    expect(typeof leased.body.message.leaseExpiresAt).toBe('number');
    const missing = await request(app).get(`/api/queue/queues/${Q}/messages/no-such-id`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'MQ_MESSAGE_NOT_FOUND', id: 'no-such-id' });
  });

  test('GET /queues/:q/search matches fields and text, and reports what it scanned', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll });
    const { ready } = await seed(queue);
    const byText = await request(app).get(`/api/queue/queues/${Q}/search`).query({ text: 'hello world' });
    expect(byText.status).toBe(200);
    expect(byText.body.items.map((m: { id: string }) => m.id)).toEqual([ready]);
    expect(byText.body).toMatchObject({ complete: true, nextCursor: null });
    expect(byText.body.scanned).toBe(3);
    const byUser = await request(app).get(`/api/queue/queues/${Q}/search`).query({ userId: 'u-1', state: 'ready,delayed' });
    expect(byUser.body.items.map((m: { id: string }) => m.id)).toEqual([ready]);
    const bounded = await request(app).get(`/api/queue/queues/${Q}/search`).query({ type: 'nothing', scanLimit: '1' });
    expect(bounded.body).toMatchObject({ items: [], scanned: 1, complete: false });
    expect(typeof bounded.body.nextCursor).toBe('string');
  });

  test('actions report per id: promote, priority, delete, replay', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll });
    const { ready, delayed, dead } = await seed(queue);
    const promote = await request(app).post(`/api/queue/queues/${Q}/messages/promote`).send({ ids: [delayed, ready, 'ghost'] });
    expect(promote.status).toBe(200);
    expect(promote.body).toMatchObject({ queueName: Q, done: 1, wrongState: 1, notFound: 1 });
    expect(promote.body.results).toEqual([
      { id: delayed, outcome: 'done' },
      { id: ready, outcome: 'wrong_state' },
      { id: 'ghost', outcome: 'not_found' },
    ]);
    expect((await queue.getMessage(Q, delayed))?.state).toBe('ready');

    const priority = await request(app).post(`/api/queue/queues/${Q}/messages/priority`).send({ filter: { type: 'proactive' }, priority: 9 });
    expect(priority.body).toMatchObject({ done: 1, results: [{ id: delayed, outcome: 'done' }] });
    expect((await queue.getMessage(Q, delayed))?.priority).toBe(9);

    const removed = await request(app).post(`/api/queue/queues/${Q}/messages/delete`).send({ ids: [ready] });
    expect(removed.body).toMatchObject({ done: 1 });
    expect(await queue.getMessage(Q, ready)).toBeNull();

    const replay = await request(app).post('/api/queue/queues/agent_responses/messages/replay').send({ all: true });
    expect(replay.body).toMatchObject({ queueName: 'agent_responses', done: 1, results: [{ id: dead, outcome: 'done' }] });
    expect((await queue.getMessage('agent_responses', dead))?.state).toBe('ready');
  });

  test('pause and resume: the stats show it, enqueues go on, takes stop', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll });
    const paused = await request(app).post(`/api/queue/queues/${Q}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ queueName: Q, paused: true });
    await queue.enqueue(Q, queue.createMessage('chat', { text: 'while paused' }));
    expect(await queue.dequeue(Q)).toBeNull();
    const stats = await request(app).get('/api/queue/stats').query({ queueName: Q });
    expect(stats.body.paused).toBe(true);
    expect((await request(app).post(`/api/queue/queues/${Q}/resume`)).body).toEqual({ queueName: Q, paused: false });
    expect((await queue.dequeue(Q))?.payload).toEqual({ text: 'while paused' });
  });

  test('redactPayloads hides payloads and personal metadata, and refuses searching them', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll, redactPayloads: true });
    const { ready, dead } = await seed(queue);
    const got = await request(app).get(`/api/queue/queues/${Q}/messages/${ready}`);
    expect(got.body.message).toMatchObject({ id: ready, payload: '[redacted]', redacted: true, metadata: { userId: '[redacted]', conversationId: '[redacted]' } });
    // The stored error keeps its stack (queue.getMessage), the redacted answer leaves it out.
    expect((await queue.getMessage('agent_responses', dead))?.error?.stack).toContain('boom');
    const deadShown = await request(app).get(`/api/queue/queues/agent_responses/messages/${dead}`);
    expect(deadShown.body.message.error).toEqual({ name: 'Error', message: 'boom' });
    const listed = await request(app).get(`/api/queue/queues/${Q}/messages`).query({ state: 'ready' });
    expect(JSON.stringify(listed.body)).not.toContain('Hello World');
    for (const query of [{ text: 'hello' }, { userId: 'u-1' }, { conversationId: 'c-1' }]) {
      const res = await request(app).get(`/api/queue/queues/${Q}/search`).query(query);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('MQ_FORBIDDEN');
    }
    const byFilter = await request(app).post(`/api/queue/queues/${Q}/messages/delete`).send({ filter: { text: 'hello' } });
    expect(byFilter.status).toBe(403);
    expect(await queue.getMessage(Q, ready)).not.toBeNull();
  });

  test('every admin route is a management action: 403 without an authorize hook, nothing changed', async () => {
    const { app, queue } = await createTestApp({ authorize: undefined });
    const id = await queue.enqueue(Q, queue.createMessage('chat', { text: 'keep' }));
    const calls = [
      request(app).get(`/api/queue/queues/${Q}/messages`).query({ state: 'ready' }),
      request(app).get(`/api/queue/queues/${Q}/messages/${id}`),
      request(app).get(`/api/queue/queues/${Q}/search`).query({ type: 'chat' }),
      request(app).post(`/api/queue/queues/${Q}/messages/delete`).send({ ids: [id] }),
      request(app).post(`/api/queue/queues/${Q}/messages/priority`).send({ ids: [id], priority: 2 }),
      request(app).post(`/api/queue/queues/${Q}/pause`),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
    expect(await queue.isPaused(Q)).toBe(false);
    expect((await queue.getMessage(Q, id))?.priority).toBe(5);
  });

  test('bad queries and bodies are 400s that name the field, and change nothing', async () => {
    const { app, queue } = await createTestApp({ authorize: allowAll });
    const id = await queue.enqueue(Q, queue.createMessage('chat', { text: 'keep' }));
    const base = `/api/queue/queues/${Q}`;
    const cases: [request.Test, string][] = [
      [request(app).get(`${base}/messages`), 'state'],
      [request(app).get(`${base}/messages`).query({ state: 'gone' }), 'state'],
      [request(app).get(`${base}/messages`).query({ state: 'ready', limit: 'many' }), 'limit'],
      [request(app).get(`${base}/messages`).query({ state: 'ready', limit: '5000' }), 'limit'],
      [request(app).get(`${base}/messages`).query({ state: 'ready', extra: '1' }), 'extra'],
      [request(app).get(`${base}/search`).query({ scanLimit: '0' }), 'scanLimit'],
      // The core names the search's options (options.state).
      [request(app).get(`${base}/search`).query({ state: 'ready,nope' }), 'options.state'],
      [request(app).post(`${base}/messages/delete`).send([id]), ''],
      [request(app).post(`${base}/messages/delete`).send({ ids: [] }), 'ids'],
      [request(app).post(`${base}/messages/delete`).send({ ids: [id], all: true }), 'target'],
      [request(app).post(`${base}/messages/delete`).send({ every: true }), 'every'],
      [request(app).post(`${base}/messages/priority`).send({ ids: [id] }), 'priority'],
      [request(app).post(`${base}/messages/priority`).send({ ids: [id], priority: 11 }), ''],
    ];
    for (const [call, field] of cases) {
      const res = await call;
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      if (field !== '') expect(res.body.field ?? res.body.detail, JSON.stringify(res.body)).toContain(field);
    }
    expect((await request(app).get('/api/queue/queues/not%20valid/messages').query({ state: 'ready' })).status).toBe(400);
    expect((await queue.getMessage(Q, id))?.priority).toBe(5);
  });

  test('the OpenAPI document lists the admin routes', async () => {
    const { app } = await createTestApp({ authorize: allowAll });
    const doc = (await request(app).get('/api/queue/openapi.json')).body;
    for (const path of ['/queues/{queueName}/messages', '/queues/{queueName}/messages/{id}', '/queues/{queueName}/search', '/queues/{queueName}/messages/replay', '/queues/{queueName}/messages/delete', '/queues/{queueName}/messages/promote', '/queues/{queueName}/messages/priority', '/queues/{queueName}/pause', '/queues/{queueName}/resume']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.ActionReport).toBeDefined();
  });
});
}
