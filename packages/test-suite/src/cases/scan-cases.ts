import type { QueueProvider, ScanState } from '@mq/core/provider';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

const rec = (id: string, delayMs = 0, priority = 5) => ({ id, priority, delayMs, data: `data-${id}` });

/** Every id a full walk of `state` returns, in order, pages of `limit`; `between` runs after each page. */
async function walk(provider: QueueProvider, queueName: string, state: ScanState, limit: number, between?: () => Promise<void>): Promise<string[]> {
  const scan = provider.doScanRecords?.bind(provider);
  if (scan === undefined) throw new Error('the provider declares scanRecords but has no doScanRecords');
  const ids: string[] = [];
  let cursor = '';
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await scan(queueName, { state, cursor, limit });
    ids.push(...page.records.map((r) => r.id));
    if (page.nextCursor === '') return ids;
    cursor = page.nextCursor;
    await between?.();
  }
  throw new Error('the walk did not end');
}

/** The browse/rewrite seam (capabilities.scanRecords): doScanRecords and doRewriteRecord. */
export function scanCases(h: ContractHarness): void {
  h.it('walks the ready, delayed and dead records page by page, never the leased ones, with their data as stored', { scanRecords: true }, async () => {
    const { provider } = await h.setup();
    const ready = Array.from({ length: 23 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    await provider.doEnqueue('q', [...ready.map((id) => rec(id)), ...['d1', 'd2', 'd3'].map((id) => rec(id, 60_000))]);
    await provider.doEnqueue('q', [rec('x1', 0, 10), rec('x2', 0, 10), rec('l1', 0, 9)]);
    const taken = await provider.doTake('q', { max: 3, leaseMs: 60_000 });
    for (const t of taken.filter((t) => t.id.startsWith('x'))) await provider.doDeadLetter('q', { id: t.id, leaseToken: t.leaseToken }, 'failed');
    for (const limit of [1, 4, 100]) {
      const readyIds = await walk(provider, 'q', 'ready', limit);
      expect(readyIds.sort()).toEqual([...new Set(readyIds)].sort());
      expect(new Set(readyIds)).toEqual(new Set(ready));
      expect(new Set(await walk(provider, 'q', 'delayed', limit))).toEqual(new Set(['d1', 'd2', 'd3']));
      expect(new Set(await walk(provider, 'q', 'dead', limit))).toEqual(new Set(['x1', 'x2']));
    }
    const page = await provider.doScanRecords?.('q', { state: 'dead', cursor: '', limit: 10 });
    expect(new Map(page?.records.map((r) => [r.id, r.data]))).toEqual(new Map([['x1', 'data-x1'], ['x2', 'data-x2']]));
    expect(await provider.doScanRecords?.('empty', { state: 'ready', cursor: '', limit: 10 })).toEqual({ records: [], nextCursor: '' });
  });

  h.it('a walk while the queue changes returns every record that stays ready the whole walk', { scanRecords: true }, async () => {
    const { provider } = await h.setup();
    const stay = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    await provider.doEnqueue('q', stay.map((id) => rec(id, 0, 1)));
    await provider.doEnqueue('q', Array.from({ length: 10 }, (_, i) => rec(`g${i}`, 0, 10)));
    let n = 0;
    const ids = await walk(provider, 'q', 'ready', 5, async () => {
      n++;
      await provider.doEnqueue('q', [rec(`new${n}`)]);
      // Takes the highest priority first: the g* records leave the ready state during the walk.
      const [taken] = await provider.doTake('q', { max: 1, leaseMs: 60_000 });
      if (taken !== undefined) await provider.doAck('q', { id: taken.id, leaseToken: taken.leaseToken }, 0);
    });
    expect(ids).toEqual(expect.arrayContaining(stay));
  });

  h.it('rewrites a waiting or dead record by compare-and-set; refuses a leased, changed or missing one', { scanRecords: true, deadLetters: 'listable' }, async () => {
    const { provider, clock } = await h.setup();
    const rewrite = (id: string, expected: string, data: string) => (provider.doRewriteRecord as NonNullable<QueueProvider['doRewriteRecord']>)('q', id, expected, data);
    await provider.doEnqueue('q', [rec('a', 0, 7), rec('later', 5000), rec('held'), rec('dead', 0, 9)]);
    const taken = await provider.doTake('q', { max: 2, leaseMs: 60_000 });
    expect(taken.map((t) => t.id)).toEqual(['dead', 'a']);
    const dead = taken[0];
    const a = taken[1];
    if (dead === undefined || a === undefined) throw new Error('expected two records');
    await provider.doDeadLetter('q', { id: 'dead', leaseToken: dead.leaseToken }, 'boom');
    await provider.doRelease('q', { id: 'a', leaseToken: a.leaseToken }, { delayMs: 0, lastError: 'first try' });
    expect(await rewrite('a', 'data-a', 'new-a')).toBe(true);
    expect(await rewrite('a', 'data-a', 'again')).toBe(false);
    expect(await rewrite('later', 'data-later', 'new-later')).toBe(true);
    expect(await rewrite('dead', 'data-dead', 'new-dead')).toBe(true);
    expect(await rewrite('missing', 'x', 'y')).toBe(false);
    const [first] = await provider.doTake('q', { max: 1, leaseMs: 60_000 });
    expect(first).toMatchObject({ id: 'a', data: 'new-a', priority: 7, attempts: 2, lastError: 'first try' });
    const [held] = await provider.doTake('q', { max: 1, leaseMs: 60_000 });
    expect(held?.id).toBe('held');
    expect(await rewrite('held', 'data-held', 'stolen')).toBe(false);
    expect(await provider.doTake('q', { max: 1, leaseMs: 60_000 })).toEqual([]);
    await clock.advance(5000);
    expect((await provider.doTake('q', { max: 1, leaseMs: 60_000 }))[0]).toMatchObject({ id: 'later', data: 'new-later' });
    expect((await provider.doListDeadLetters('q', { offset: 0, limit: 10 }))[0]).toMatchObject({ id: 'dead', data: 'new-dead', error: 'boom', priority: 9 });
  });
}
