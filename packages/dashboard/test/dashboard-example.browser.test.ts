import { mkdirSync } from 'node:fs';
import { QUEUE_NAMES, type DeadLetterEvent, type MessageQueue } from '@mq/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../../examples/chat-backend/test/helpers/start-test-backend.js';
import { browserSkipReason, launchBrowser, seriousViolations } from './support/browser.js';
import { nextEvent } from './support/wait-for.js';

const IMAGES = new URL('../../../docs/images/', import.meta.url);
const skip = browserSkipReason();

/**
 * The dashboard of the chat backend example (memory provider) in headless Chromium: the overview,
 * live updates, search, a demo dead letter replayed from its page, screenshots for docs/dashboard.md
 * and an accessibility check. One page, in order: each step builds on the messages of the last.
 */
describe.skipIf(skip !== null)(`dashboard of the chat backend in Chromium${skip === null ? '' : ` (skipped: ${skip})`}`, { timeout: 30_000 }, () => {
  let backend: TestBackend;
  let browser: Browser;
  let page: Page;
  let deadId: string;

  beforeAll(async () => {
    backend = await startTestBackend();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync(IMAGES, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.close();
  });

  it('the overview shows every queue of the example, live', async () => {
    await page.goto(`${backend.url}/dashboard/`);
    for (const name of Object.values(QUEUE_NAMES)) await expect(page.locator(`tr[data-queue="${name}"]`).waitFor({ timeout: 5000 })).resolves.toBeUndefined();
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 5000 });
    expect(await page.locator('td', { hasText: 'memory' }).count()).toBe(0);
    expect(await page.textContent('.cards')).toContain('memory');
  });

  it('an enqueue through the REST API shows within 2 s, without a reload', async () => {
    const started = Date.now();
    const response = await fetch(`${backend.url}/api/queue/enqueue/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-live', conversationId: 'c-live', message: 'hello from the live test' }),
    });
    expect(response.status).toBe(202);
    const { messageId } = (await response.json()) as { messageId: string };
    await page.locator(`#activity li[data-event="enqueued"][data-id="${messageId}"]`).waitFor({ timeout: 2000 });
    console.log(`dashboard: enqueue shown ${Date.now() - started} ms after the request started`);
  });

  it('the demo makes a dead letter; search finds it by a word of its payload', async () => {
    const queue = backend.queueService.messageQueue as unknown as MessageQueue;
    const dead = nextEvent<DeadLetterEvent>(queue, 'deadLetter', (e) => e.queueName === 'chat_messages');
    const demo = await fetch(`${backend.url}/api/queue/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'u-demo', conversationId: 'c-demo' }) });
    expect(demo.status).toBe(202);
    deadId = (await dead).message.id;
    await page.locator(`#activity li[data-event="deadLetter"][data-id="${deadId}"]`).waitFor({ timeout: 5000 });
    // The counts follow the event list with the next overview read.
    await page.locator('tr[data-queue="chat_messages"] a[aria-label="1 dead in chat_messages"]').waitFor({ timeout: 5000 });
    await page.screenshot({ path: new URL('dashboard-overview.png', IMAGES).pathname, fullPage: true });

    await page.click('a[href="#/q/chat_messages"]');
    await page.fill('input[name="text"]', 'always');
    await page.click('form.search button[type="submit"]');
    await page.locator(`table.messages a[href$="/m/${deadId}"]`).waitFor({ timeout: 5000 });
    expect(await page.locator('table.messages tbody tr').count()).toBe(1);
  });

  it("a dead letter's page shows its payload and error; replayed from there, it then shows as completed", async () => {
    // The fix is deployed: the example's always-failing consumer of chat_messages is replaced by one that completes.
    const queue = backend.queueService.messageQueue;
    const failing = backend.subscriptions.find((s) => s.queueName === 'chat_messages');
    await failing?.close();
    const fixed = queue.subscribe('chat_messages', () => undefined);
    try {
      await page.click(`table.messages a[href$="/m/${deadId}"]`);
      await page.locator('[data-state="dead"]').waitFor({ timeout: 5000 });
      const text = await page.textContent('main');
      expect(text).toContain('Demo: always fails');
      expect(text).toContain('SimulatedFailure');
      // The core stores an error's name, message and code (no stack): the page shows what is stored.
      expect(await page.locator('section.error-info').count()).toBeGreaterThan(0);
      await page.screenshot({ path: new URL('dashboard-dead-letter.png', IMAGES).pathname, fullPage: true });
      await page.click('button[data-action="replay-one"]');
      await page.locator('[data-state="completed"]').waitFor({ timeout: 5000 });
    } finally {
      await fixed.close();
    }
  });

  it('has no serious or critical accessibility violations (overview, queue, message pages)', async () => {
    for (const hash of ['#/', '#/q/chat_messages?state=dead', `#/q/chat_messages/m/${deadId}`]) {
      await page.goto(`${backend.url}/dashboard/${hash}`);
      await page.locator('main h1').waitFor({ timeout: 5000 });
      expect(await seriousViolations(page), hash).toEqual([]);
    }
  });

  it('fits a phone-sized screen (no sideways scrolling of the page)', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
    try {
      await phone.goto(`${backend.url}/dashboard/`);
      await phone.locator('tr[data-queue="chat_messages"]').waitFor({ timeout: 5000 });
      expect(await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await phone.close();
    }
  });
});
