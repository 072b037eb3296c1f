import { MessageQueue } from '@mq/core';
import { createLimitedProvider } from '@mq/memory/testing';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createTestApp } from './helpers/create-test-app.js';
import { adminRoutesSuite } from './suites/admin-routes-suite.js';

adminRoutesSuite();

describe('admin routes without the admin capability', () => {
  const Q = 'chat_messages';
  const allowAll = () => true;
  test('a store without the admin seams in effect (priorities emulated by the core) answers 501 unsupported', async () => {
    const queue = new MessageQueue({ provider: createLimitedProvider({ priorities: 'none' }) });
    const { app } = await createTestApp({ authorize: allowAll, queue });
    const res = await request(app).get(`/api/queue/queues/${Q}/messages`).query({ state: 'ready' });
    expect(res.status).toBe(501);
    expect(res.body.code).toBe('MQ_UNSUPPORTED');
  });

});
