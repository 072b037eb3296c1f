import { describe, expect, it } from 'vitest';
import { CallBatcher } from '../src/call-batcher.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('CallBatcher', () => {
  it('gathers the calls of one turn into one batch per key and answers each in order', async () => {
    const sent: [string, number[]][] = [];
    const batcher = new CallBatcher<number, number>(async (key, items) => {
      sent.push([key, items]);
      return items.map((i) => i * 10);
    });
    expect(await Promise.all([batcher.add('a', 1), batcher.add('a', 2), batcher.add('b', 3)])).toEqual([10, 20, 30]);
    expect(sent).toEqual([
      ['a', [1, 2]],
      ['b', [3]],
    ]);
  });

  it('splits a turn into batches of maxBatch and rejects every call of a batch that failed', async () => {
    const sent: number[][] = [];
    const batcher = new CallBatcher<number, number>(
      async (_key, items) => {
        sent.push(items);
        if (items.includes(3)) throw new Error('store down');
        return items;
      },
      { maxBatch: 2 },
    );
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.add('q', i)));
    expect(sent).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });

  it('sendAloneAtOnce: a lone call goes at once, calls made while it is in flight go together', async () => {
    const sent: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new CallBatcher<number, number>(
      async (_key, items) => {
        sent.push(items);
        if (sent.length === 1) await gate;
        return items;
      },
      { sendAloneAtOnce: true },
    );
    const first = batcher.add('q', 1);
    expect(sent).toEqual([[1]]);
    const more = [batcher.add('q', 2), batcher.add('q', 3)];
    expect(sent).toEqual([[1]]);
    await nextTurn();
    expect(sent).toEqual([[1], [2, 3]]);
    release();
    expect(await Promise.all([first, ...more])).toEqual([1, 2, 3]);
    // Nothing in flight any more: the next lone call goes at once again.
    const last = batcher.add('q', 4);
    expect(sent.at(-1)).toEqual([4]);
    expect(await last).toBe(4);
  });

  it('takePending hands the calls waiting for a key to a caller that sends them itself', async () => {
    const sent: number[][] = [];
    const batcher = new CallBatcher<number, string>(async (_key, items) => {
      sent.push(items);
      return items.map(String);
    });
    const mine = [batcher.add('q', 1), batcher.add('q', 2)];
    const other = batcher.add('r', 3);
    const taken = batcher.takePending('q');
    expect(taken.map((p) => p.item)).toEqual([1, 2]);
    expect(batcher.takePending('q')).toEqual([]);
    for (const p of taken) p.resolve(`sent along ${p.item}`);
    expect(await Promise.all([...mine, other])).toEqual(['sent along 1', 'sent along 2', '3']);
    expect(sent).toEqual([[3]]);
  });
});
