import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, seriousViolations } from '../support/browser.js';
import { redisQueue } from '../support/redis-queue.js';
import { startDashboardApp, type DashboardApp } from '../support/start-dashboard-app.js';

const IMAGES = new URL('../../../../docs/images/', import.meta.url);
const skip = browserSkipReason();
/** The page's globals, typed here (the package's types have no DOM). */
type Doc = { document: { documentElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<{ textContent: string | null }> } };

/** Rows of the per-partition table of `queueName`: [partition, ready, delayed, processing, dead] as shown. */
function partitionRows(page: Page, queueName: string): Promise<string[][]> {
  return page.$$eval(`table[data-partitions="${queueName}"] tbody tr`, (rows) => rows.map((row) => [...(row as unknown as { children: Iterable<{ textContent: string | null }> }).children].map((cell) => (cell.textContent ?? '').trim())));
}

/** The overview on Redis (standalone, from the redis project's global setup) for a queue declared with 3 partitions, in headless Chromium. */
describe.skipIf(skip !== null)(`dashboard per-partition counts on Redis in Chromium${skip === null ? '' : ` (skipped: ${skip})`}`, { timeout: 30_000 }, () => {
  let app: DashboardApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startDashboardApp({}, redisQueue());
    await app.queue.declareQueue('orders', { partitions: 3 });
    await app.queue.enqueueMany('orders', Array.from({ length: 12 }, (_, i) => app.queue.createMessage('job', { i }, { id: `o${i}` })));
    await app.queue.enqueue('jobs', app.queue.createMessage('job', { n: 1 }));
    browser = await launchBrowser();
    mkdirSync(IMAGES, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.queue.deleteQueue('orders').catch(() => undefined);
    await app?.close();
  });

  it('shows a table per partitioned queue (none for a queue of one partition), matching getStats, live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${app.url}/`);
      await page.locator('table[data-partitions="orders"]').waitFor({ timeout: 5000 });
      expect(await page.locator('table[data-partitions="jobs"]').count()).toBe(0);
      expect(await page.textContent('table[data-partitions="orders"] caption')).toContain('3 partitions');
      const stats = await app.queue.getStats('orders', { partitions: true });
      const expected = (stats.partitions ?? []).map((p) => [String(p.partition), String(p.counts.readyMessages), String(p.counts.delayedMessages), String(p.counts.processingMessages), String(p.counts.failedMessages)]);
      expect(await partitionRows(page, 'orders')).toEqual(expected);
      expect(expected.reduce((n, row) => n + Number(row[1]), 0)).toBe(12);

      // A take moves one message to processing in its partition; with the next event (an enqueue) the page follows, without a reload.
      const taken = await app.queue.dequeue('orders');
      expect(taken).not.toBeNull();
      await app.queue.enqueue('jobs', app.queue.createMessage('job', { n: 2 }));
      await page.waitForFunction(
        () => [...(globalThis as unknown as Doc).document.querySelectorAll('table[data-partitions="orders"] tbody tr td:nth-of-type(3)')].some((cell) => cell.textContent?.trim() === '1'),
        undefined,
        { timeout: 5000 },
      );
      const after = await app.queue.getStats('orders', { partitions: true });
      expect((await partitionRows(page, 'orders')).map((row) => row[3])).toEqual((after.partitions ?? []).map((p) => String(p.counts.processingMessages)));
      await page.screenshot({ path: new URL('dashboard-partitions.png', IMAGES).pathname, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      if (taken !== null) await app.queue.ack(taken);
    } finally {
      await page.close();
    }
  });

  it('fits a phone-sized screen with the per-partition table', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
    try {
      await phone.goto(`${app.url}/`);
      await phone.locator('table[data-partitions="orders"]').waitFor({ timeout: 5000 });
      expect(await phone.evaluate(() => (globalThis as unknown as Doc).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await phone.close();
    }
  });
});
