import { ManualClock } from '@mq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { FLUSH_MS } from '../src/live-feed.js';
import { openStream } from './support/event-stream.js';
import { makeDeadLetter, startDashboardApp, type DashboardApp } from './support/start-dashboard-app.js';

let app: DashboardApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('the event stream (GET /api/events)', () => {
  it('says hello, then pushes enqueues and dead letters in one batch per FLUSH_MS, and counts them into the history', async () => {
    const clock = new ManualClock();
    app = await startDashboardApp({ clock });
    const stream = await openStream(`${app.url}/api/events`);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    expect(await stream.next('hello')).toEqual({ at: clock.now() });
    const dead = await makeDeadLetter(app.queue, 'jobs', { n: 1 });
    await clock.advance(FLUSH_MS);
    const batch = (await stream.next('activity')) as { events: { event: string; id: string; queueName: string }[]; dropped: number };
    expect(batch.events.map((e) => [e.event, e.id, e.queueName])).toEqual([
      ['enqueued', dead, 'jobs'],
      ['deadLetter', dead, 'jobs'],
    ]);
    expect(batch.dropped).toBe(0);
    stream.response.destroy();
  });

  it('close() ends the open streams and stops listening to the queue', async () => {
    app = await startDashboardApp();
    const stream = await openStream(`${app.url}/api/events`);
    await stream.next('hello');
    const ended = new Promise((resolve) => stream.response.on('end', resolve));
    expect(app.queue.listenerCount('enqueued')).toBe(1);
    app.dashboard.close();
    await ended;
    expect(app.queue.listenerCount('enqueued')).toBe(0);
  });
});
