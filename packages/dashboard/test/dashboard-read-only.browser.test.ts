import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../src/index.js';
import { browserSkipReason, launchBrowser } from './support/browser.js';
import { makeDeadLetter, startDashboardApp, type DashboardApp } from './support/start-dashboard-app.js';

const skip = browserSkipReason();

describe.skipIf(skip !== null)(`read-only dashboard in Chromium${skip === null ? '' : ` (skipped: ${skip})`}`, { timeout: 30_000 }, () => {
  let app: DashboardApp;
  let browser: Browser;
  let page: Page;
  let deadId: string;

  beforeAll(async () => {
    app = await startDashboardApp({ readOnly: true });
    deadId = await makeDeadLetter(app.queue, 'jobs', { note: 'read only' });
    await app.queue.enqueue('jobs', app.queue.createMessage('job', { n: 1 }, { delayMs: 60_000 }));
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows no action on the queue, the list of dead letters or a dead letter', async () => {
    await page.goto(`${app.url}/`);
    await page.locator('tr[data-queue="jobs"]').waitFor({ timeout: 5000 });
    expect(await page.textContent('header')).toContain('read-only');
    for (const hash of ['#/q/jobs?state=dead', '#/q/jobs?state=delayed', `#/q/jobs/m/${deadId}`]) {
      await page.goto(`${app.url}/${hash}`);
      await page.locator('main h1').waitFor({ timeout: 5000 });
      await page.locator('table.messages, dl.facts').first().waitFor({ timeout: 5000 });
      expect(await page.locator('button[data-action], input[name="select"]').count(), hash).toBe(0);
    }
  });

  it('refuses a forged action with 403, even with the page\'s own token', async () => {
    const token = await page.getAttribute('body', 'data-token');
    expect(token).toBeTruthy();
    for (const headers of [{}, { [CSRF_HEADER]: token as string }] as Record<string, string>[]) {
      const replay = await fetch(`${app.url}/api/queues/jobs/messages/replay`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ all: true }) });
      expect(replay.status).toBe(403);
      const purge = await fetch(`${app.url}/api/purge/jobs?confirm=jobs`, { method: 'DELETE', headers });
      expect(purge.status).toBe(403);
    }
    // From the page itself, too.
    const status = await page.evaluate(async ([url, name, value]) => (await fetch(url as string, { method: 'POST', headers: { [name as string]: value as string } })).status, [`${app.url}/api/queues/jobs/pause`, CSRF_HEADER, token]);
    expect(status).toBe(403);
    expect((await app.queue.getMessage('jobs', deadId))?.state).toBe('dead');
    expect(await app.queue.isPaused('jobs')).toBe(false);
  });
});
