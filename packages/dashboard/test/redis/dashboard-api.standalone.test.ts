import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/index.js';
import { openStream } from '../support/event-stream.js';
import { redisQueue } from '../support/redis-queue.js';
import { makeDeadLetter, startDashboardApp, type DashboardApp } from '../support/start-dashboard-app.js';

let app: DashboardApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function tokenOf(url: string): Promise<string> {
  return /data-token="([^"]+)"/.exec(await (await fetch(`${url}/`)).text())?.[1] ?? '';
}

/** The dashboard's JSON API and event stream on Redis (standalone, from the redis project's global setup). */
describe('dashboard API on Redis', () => {
  it('overview, list, get, search, replay and purge of a dead letter', async () => {
    app = await startDashboardApp({}, redisQueue());
    const { queue, url } = app;
    const dead = await makeDeadLetter(queue, 'jobs', { note: 'needle in redis' });
    await queue.enqueue('jobs', queue.createMessage('job', { n: 1 }, { delayMs: 60_000 }));
    const overview = (await (await fetch(`${url}/api/overview`)).json()) as { health: { provider: string }; queues: Record<string, unknown>[] };
    expect(overview.health.provider).toBe('redis');
    expect(overview.queues).toEqual([expect.objectContaining({ queueName: 'jobs', failedMessages: 1, delayedMessages: 1, paused: false })]);
    const listed = (await (await fetch(`${url}/api/queues/jobs/messages?state=dead`)).json()) as { items: { id: string }[] };
    expect(listed.items.map((m) => m.id)).toEqual([dead]);
    const found = (await (await fetch(`${url}/api/queues/jobs/search?text=NEEDLE`)).json()) as { items: { id: string }[] };
    expect(found.items.map((m) => m.id)).toEqual([dead]);
    const shown = (await (await fetch(`${url}/api/queues/jobs/messages/${dead}`)).json()) as { message: Record<string, unknown> };
    expect(shown.message).toMatchObject({ state: 'dead', payload: { note: 'needle in redis' }, error: { name: 'Error', message: 'boom' } });

    const token = await tokenOf(url);
    const post = (path: string, body?: unknown, headers: Record<string, string> = { [CSRF_HEADER]: token }) =>
      fetch(`${url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect((await post('/queues/jobs/messages/replay', { ids: [dead] }, {})).status).toBe(403);
    const replayed = await post('/queues/jobs/messages/replay', { ids: [dead] });
    expect(await replayed.json()).toMatchObject({ done: 1 });
    expect((await queue.getMessage('jobs', dead))?.state).toBe('ready');
    expect((await (await post('/queues/jobs/pause')).json())).toEqual({ queueName: 'jobs', paused: true });
    expect(await queue.isPaused('jobs')).toBe(true);
    const purged = await fetch(`${url}/api/purge/jobs?confirm=jobs`, { method: 'DELETE', headers: { [CSRF_HEADER]: token } });
    expect(await purged.json()).toEqual({ queueName: 'jobs', purged: 2 });
  });

  it('pushes an enqueue on the event stream', async () => {
    app = await startDashboardApp({}, redisQueue());
    const stream = await openStream(`${app.url}/api/events`);
    await stream.next('hello');
    const id = await app.queue.enqueue('jobs', app.queue.createMessage('job', { n: 1 }));
    const batch = (await stream.next('activity')) as { events: { event: string; id: string }[] };
    expect(batch.events).toEqual([expect.objectContaining({ event: 'enqueued', id, queueName: 'jobs' })]);
    stream.response.destroy();
  });
});
