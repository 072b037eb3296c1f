import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser } from './support/browser.js';
import { makeDeadLetter, startDashboardApp, type DashboardApp } from './support/start-dashboard-app.js';

const skip = browserSkipReason();

/** The page's actions in Chromium, checked through the queue: selections, all, promote, pause, purge's typed confirmation. */
describe.skipIf(skip !== null)(`dashboard actions in Chromium${skip === null ? '' : ` (skipped: ${skip})`}`, { timeout: 30_000 }, () => {
  let app: DashboardApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startDashboardApp();
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (hash: string) => {
    await page.goto(`${app.url}/${hash}`);
    await page.locator('main h1').waitFor({ timeout: 5000 });
  };
  const said = (text: string) => page.locator('#say', { hasText: text }).waitFor({ timeout: 5000 });

  it('replays the selected dead letters, then deletes all the others after typing the queue name', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await makeDeadLetter(app.queue, 'jobs', { i }));
    await open('#/q/jobs?state=dead');
    await page.locator('table.messages tbody tr').nth(3).waitFor({ timeout: 5000 });
    await page.check(`input[name="select"][value="${ids[0]}"]`);
    await page.check(`input[name="select"][value="${ids[1]}"]`);
    await page.click('button[data-action="replay-selected"]');
    await said('Replayed 2');
    expect((await app.queue.getMessage('jobs', ids[0] as string))?.state).toBe('ready');
    expect((await app.queue.getMessage('jobs', ids[2] as string))?.state).toBe('dead');

    await page.click('button[data-action="delete-all"]');
    const confirm = page.locator('#confirm-ok');
    expect(await confirm.isDisabled()).toBe(true);
    await page.fill('#confirm-input', 'job');
    expect(await confirm.isDisabled()).toBe(true);
    await page.fill('#confirm-input', 'jobs');
    await confirm.click();
    await said('Deleted 2');
    expect(await app.queue.getMessage('jobs', ids[2] as string)).toBeNull();
    expect((await app.queue.getMessage('jobs', ids[1] as string))?.state).toBe('ready');
  });

  it('pages through the messages of a state, 25 a page', async () => {
    await app.queue.enqueueMany('many', Array.from({ length: 30 }, (_, i) => app.queue.createMessage('job', { i })));
    await open('#/q/many?state=ready');
    await page.locator('table.messages tbody tr').nth(24).waitFor({ timeout: 5000 });
    expect(await page.locator('table.messages tbody tr').count()).toBe(25);
    await page.click('a[rel="next"]');
    await page.locator('a', { hasText: 'First page' }).waitFor({ timeout: 5000 });
    expect(await page.locator('table.messages tbody tr').count()).toBe(5);
  });

  it('keeps what is typed in the search form, and the focus, when a live update redraws the page', async () => {
    await app.queue.enqueue('typing', app.queue.createMessage('job', { n: 0 }));
    await open('#/q/typing');
    await page.locator('nav.tabs a[aria-current="page"] .n', { hasText: '1' }).waitFor({ timeout: 5000 });
    await page.fill('input[name="text"]', 'half-typed');
    await app.queue.enqueue('typing', app.queue.createMessage('job', { n: 1 }));
    await page.locator('nav.tabs a[aria-current="page"] .n', { hasText: '2' }).waitFor({ timeout: 5000 });
    expect(await page.inputValue('input[name="text"]')).toBe('half-typed');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('name'))).toBe('text');
  });

  it('promotes a delayed message from its page, with the keyboard', async () => {
    const id = await app.queue.enqueue('later', app.queue.createMessage('job', { n: 1 }, { delayMs: 3_600_000 }));
    await open(`#/q/later/m/${id}`);
    await page.locator('[data-state="delayed"]').waitFor({ timeout: 5000 });
    await page.focus('button[data-action="promote-one"]');
    await page.keyboard.press('Enter');
    await said('Promoted 1');
    expect((await app.queue.getMessage('later', id))?.state).toBe('ready');
  });

  it('pauses and resumes a queue, and purges it only after the typed confirmation', async () => {
    await app.queue.enqueue('work', app.queue.createMessage('job', { n: 1 }));
    await open('#/q/work');
    await page.click('button[data-action="pause"]');
    await said('work paused');
    expect(await app.queue.isPaused('work')).toBe(true);
    await page.locator('button[data-action="resume"]').click();
    await said('work resumed');
    expect(await app.queue.isPaused('work')).toBe(false);

    await page.click('button[data-action="purge"]');
    await page.click('dialog button[value="cancel"]');
    expect(await app.queue.size('work')).toBe(1);
    await page.click('button[data-action="purge"]');
    await page.fill('#confirm-input', 'work');
    await page.click('#confirm-ok');
    await said('Purged 1');
    expect(await app.queue.size('work')).toBe(0);
  });
});
