import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { startTestBackend, type TestBackend } from './helpers/start-test-backend.js';

const PROACTIVE = { actionType: 'reminder', agentType: 'general', message: "Don't forget!", userId: 'user123', conversationId: 'conv456', priority: 8 };

let running: TestBackend | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('POST /api/queue/enqueue/proactive: timing and delayMs', () => {
  test('"delayed" without delayMs is a 400 that names the rule, and enqueues nothing', async () => {
    running = await startTestBackend();
    const res = await request(running.app).post('/api/queue/enqueue/proactive').send({ ...PROACTIVE, timing: 'delayed' }).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'MQ_INVALID_BODY', detail: 'delayMs: required when timing is "delayed"' });
    expect(res.body.errors).toEqual([{ path: 'delayMs', message: 'required when timing is "delayed"' }]);
    expect(await running.queueService.messageQueue.size('proactive_actions')).toBe(0);
  });

  test('"immediate" with a delayMs is a 400 that names the rule, and enqueues nothing', async () => {
    running = await startTestBackend();
    const res = await request(running.app).post('/api/queue/enqueue/proactive').send({ ...PROACTIVE, timing: 'immediate', delayMs: 5000 }).expect(400);
    expect(res.body).toMatchObject({ code: 'MQ_INVALID_BODY', detail: 'delayMs: allowed only when timing is "delayed" (an immediate action runs at once)' });
    expect(await running.queueService.messageQueue.size('proactive_actions')).toBe(0);
  });

  test('"delayed" with delayMs waits; "immediate" without one does not', async () => {
    running = await startTestBackend();
    const stats = () => running!.queueService.messageQueue.getStats('proactive_actions');
    // Subscribers run: compare delayed counts, which only the delayed action can raise.
    await request(running.app).post('/api/queue/enqueue/proactive').send({ ...PROACTIVE, timing: 'delayed', delayMs: 60_000 }).expect(202);
    expect(await stats()).toMatchObject({ delayedMessages: 1 });
    await request(running.app).post('/api/queue/enqueue/proactive').send({ ...PROACTIVE, timing: 'immediate' }).expect(202);
    expect(await stats()).toMatchObject({ delayedMessages: 1 });
  });
});
