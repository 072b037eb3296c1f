import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import express from 'express';
import { afterEach, describe, expect, test } from 'vitest';
import { createQueueRouter, type QueueRouterOptions } from '../src/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function get(options: QueueRouterOptions, path: string): Promise<{ status: number; type: string | null; text: string }> {
  const queue = new MessageQueue({ provider: createInMemoryProvider() });
  const app = express().use('/api/queue', createQueueRouter(queue, options));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/queue${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

// Any { metrics(), contentType } serves: @mq/express does not depend on prom-client (@mq/prometheus's own tests scrape the real thing).
const source = { metrics: () => Promise.resolve('mq_provider_up 1\n'), contentType: 'text/plain; version=0.0.4; charset=utf-8' };

describe('GET /metrics (options.metrics)', () => {
  test('answers the source text with its content type', async () => {
    expect(await get({ metrics: source }, '/metrics')).toEqual({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', text: 'mq_provider_up 1\n' });
  });

  test('goes through authorize as the action "metrics"', async () => {
    const seen: string[] = [];
    const res = await get({ metrics: source, authorize: (_req, action) => (seen.push(action), action !== 'metrics') }, '/metrics');
    expect(seen).toEqual(['metrics']);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'MQ_FORBIDDEN' });
  });

  test('is a 404 problem without the option, and listed in the OpenAPI document only with it', async () => {
    expect((await get({}, '/metrics')).status).toBe(404);
    const without = JSON.parse((await get({}, '/openapi.json')).text) as { paths: Record<string, unknown> };
    const withIt = JSON.parse((await get({ metrics: source }, '/openapi.json')).text) as { paths: Record<string, unknown> };
    expect(without.paths['/metrics']).toBeUndefined();
    expect(withIt.paths['/metrics']).toMatchObject({ get: { operationId: 'getMetrics' } });
  });

  test('a 500 problem when the source fails, without its message', async () => {
    const res = await get({ metrics: { metrics: () => Promise.reject(new Error('secret detail')), contentType: 'text/plain' } }, '/metrics');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('secret detail');
  });

  test('refuses a metrics option without metrics() and contentType', () => {
    const queue = new MessageQueue({ provider: createInMemoryProvider() });
    for (const metrics of [{}, { metrics: 'x', contentType: 'text/plain' }, { metrics: () => '' }]) {
      expect(() => createQueueRouter(queue, { metrics } as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('options.metrics must have metrics() and contentType') }));
    }
  });
});
