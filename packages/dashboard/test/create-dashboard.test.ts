import { aesGcmEncryption, MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createDashboard, CSRF_HEADER, type Dashboard, type DashboardOptions } from '../src/index.js';
import { makeDeadLetter } from './support/start-dashboard-app.js';

const opened: { queue: MessageQueue; dashboard: Dashboard }[] = [];

async function mount(options: Omit<DashboardOptions, 'queue'> = {}, queue = new MessageQueue({ provider: createInMemoryProvider() })) {
  await queue.connect();
  const dashboard = createDashboard({ queue, ...options });
  opened.push({ queue, dashboard });
  const app = express();
  app.use('/dashboard', dashboard);
  const page = await request(app).get('/dashboard/');
  const token = /data-token="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { app, queue, token };
}

afterEach(async () => {
  for (const { queue, dashboard } of opened.splice(0)) {
    dashboard.close();
    await queue.disconnect();
  }
});

describe('createDashboard', () => {
  it('serves the page with a strict Content-Security-Policy, paths under the mount point and the CSRF token', async () => {
    const { app, token } = await mount();
    const page = await request(app).get('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.text).toContain('src="/dashboard/assets/dashboard.js"');
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves its assets from the package, gzipped when asked, with an ETag; nothing else from there', async () => {
    const { app } = await mount();
    const js = await request(app).get('/dashboard/assets/dashboard.js').set('accept-encoding', 'gzip');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.headers['content-encoding']).toBe('gzip');
    const again = await request(app).get('/dashboard/assets/dashboard.js').set('if-none-match', String(js.headers.etag));
    expect(again.status).toBe(304);
    expect((await request(app).get('/dashboard/assets/..%2Fpackage.json')).status).toBe(404);
    expect((await request(app).get('/dashboard/assets/nope.js')).status).toBe(404);
  });

  it('asks authorize for every request, the assets and the event stream included (401 with WWW-Authenticate)', async () => {
    const seen: string[] = [];
    const { app } = await mount({
      authorize: (req) => {
        seen.push(req.path);
        return req.get('authorization') === 'Bearer ok' ? true : { status: 401, wwwAuthenticate: 'Basic realm="q"' };
      },
    });
    for (const path of ['/dashboard/', '/dashboard/assets/dashboard.css', '/dashboard/api/overview', '/dashboard/api/events']) {
      const refused = await request(app).get(path);
      expect(refused.status, path).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Basic realm="q"');
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await request(app).get('/dashboard/api/overview').set('authorization', 'Bearer ok')).status).toBe(200);
    expect(seen).toContain('/assets/dashboard.css');
  });

  it('answers the overview: health, every queue with its stats, the hour of history and the settings', async () => {
    const { app, queue } = await mount();
    await makeDeadLetter(queue, 'jobs', { n: 2 });
    await queue.enqueue('jobs', queue.createMessage('job', { n: 1 }));
    const { body } = await request(app).get('/dashboard/api/overview');
    expect(body.health).toMatchObject({ healthy: true, provider: 'memory' });
    expect(body.queues).toEqual([expect.objectContaining({ queueName: 'jobs', readyMessages: 1, failedMessages: 1, paused: false })]);
    expect(body.history[0]).toMatchObject({ queueName: 'jobs' });
    expect(body.history[0].minutes).toHaveLength(60);
    expect(body.settings).toEqual({ readOnly: false, redactPayloads: false, pollIntervalMs: 5000 });
  });

  it('shows the largest groups by backlog where the provider has groups', async () => {
    const { app, queue } = await mount();
    for (const groupId of ['tenant-a', 'tenant-a', 'tenant-a', 'tenant-b']) await queue.enqueue('jobs', queue.createMessage('job', {}, { groupId }));
    const { body } = await request(app).get('/dashboard/api/overview');
    expect(body.queues[0].groups).toEqual([
      { groupId: 'tenant-a', waiting: 3 },
      { groupId: 'tenant-b', waiting: 1 },
    ]);
  });

  it('acts only with the page token from this host (CSRF); purge needs ?confirm=<queue>', async () => {
    const { app, queue, token } = await mount();
    const dead = await makeDeadLetter(queue, 'jobs', { n: 1 });
    const replay = (headers: Record<string, string>) => request(app).post('/dashboard/api/queues/jobs/messages/replay').set(headers).send({ ids: [dead] });
    expect((await replay({})).status).toBe(403);
    expect((await replay({ [CSRF_HEADER]: 'wrong' })).status).toBe(403);
    expect((await replay({ [CSRF_HEADER]: token, origin: 'https://evil.example' })).status).toBe(403);
    expect((await queue.getMessage('jobs', dead))?.state).toBe('dead');
    const done = await replay({ [CSRF_HEADER]: token });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ done: 1 });
    expect((await request(app).delete('/dashboard/api/purge/jobs').set(CSRF_HEADER, token)).status).toBe(403);
    expect((await request(app).delete('/dashboard/api/purge/jobs?confirm=other').set(CSRF_HEADER, token)).status).toBe(403);
    const purged = await request(app).delete('/dashboard/api/purge/jobs?confirm=jobs').set(CSRF_HEADER, token);
    expect(purged.body).toEqual({ queueName: 'jobs', purged: 1 });
  });

  it('serves none of the router\'s other routes (enqueue, delete queue, openapi)', async () => {
    const { app, token } = await mount();
    expect((await request(app).delete('/dashboard/api/queues/jobs').set(CSRF_HEADER, token)).status).toBe(403);
    expect((await request(app).get('/dashboard/api/openapi.json')).status).toBe(403);
  });

  it('read-only: refuses every write (403) and says so in the page and the overview', async () => {
    const { app, queue, token } = await mount({ readOnly: true });
    const dead = await makeDeadLetter(queue, 'jobs', { n: 1 });
    expect((await request(app).post('/dashboard/api/queues/jobs/messages/replay').set(CSRF_HEADER, token).send({ all: true })).status).toBe(403);
    expect((await request(app).post('/dashboard/api/queues/jobs/pause').set(CSRF_HEADER, token)).status).toBe(403);
    expect((await queue.getMessage('jobs', dead))?.state).toBe('dead');
    expect((await request(app).get('/dashboard/')).text).toContain('data-read-only="true"');
    expect((await request(app).get('/dashboard/api/overview')).body.settings.readOnly).toBe(true);
  });

  it('redactPayloads: the messages show "[redacted]" and a search by payload text is refused', async () => {
    const { app, queue } = await mount({ redactPayloads: true });
    const dead = await makeDeadLetter(queue, 'jobs', { secret: 'hunter2' });
    const shown = await request(app).get(`/dashboard/api/queues/jobs/messages/${dead}`);
    expect(shown.body.message).toMatchObject({ payload: '[redacted]', redacted: true });
    expect(JSON.stringify(shown.body)).not.toContain('hunter2');
    expect((await request(app).get('/dashboard/api/queues/jobs/search?text=hunter2')).status).toBe(403);
  });

  it('shows an encrypted payload as the queue decodes it (its keys decrypt it); redactPayloads hides it anyway', async () => {
    const encryption = () => aesGcmEncryption({ keys: { k1: new Uint8Array(32).fill(7) }, activeKeyId: 'k1' });
    for (const redactPayloads of [false, true]) {
      const { app, queue } = await mount({ redactPayloads }, new MessageQueue({ provider: createInMemoryProvider(), encryption: encryption() }));
      const dead = await makeDeadLetter(queue, 'jobs', { secret: 'private words' });
      const { body } = await request(app).get(`/dashboard/api/queues/jobs/messages/${dead}`);
      expect(body.message.payload).toEqual(redactPayloads ? '[redacted]' : { secret: 'private words' });
    }
  });

  it('refuses to start without a queue', () => {
    expect(() => createDashboard({} as DashboardOptions)).toThrow(TypeError);
  });
});
