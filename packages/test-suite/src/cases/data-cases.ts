import type { EnqueueRecord } from '@mq/core/provider';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

const record = (id: string, data: EnqueueRecord['data']): EnqueueRecord => ({ id, priority: 5, delayMs: 0, data });

/** A record's data is opaque: the provider hands back exactly what it was given (text, or bytes with binaryData). */
export function dataCases(h: ContractHarness): void {
  it('hands text data back exactly as stored: taken, and after a dead letter is replayed', async () => {
    const { provider } = await h.setup();
    const text = '[1,"json","t"]\n{"ä":"€ 😀","line":"a\\nb"}\ttab';
    await provider.doEnqueue('q', [record('a', text)]);
    const [taken] = await provider.doTake('q', { max: 1, leaseMs: 1000 });
    expect(taken?.data).toBe(text);
    expect(await provider.doDeadLetter('q', { id: 'a', leaseToken: taken?.leaseToken ?? '' }, 'failed')).toBe(true);
    expect(await provider.doReplayDeadLetters('q', undefined)).toEqual(['a']);
    expect((await provider.doTake('q', { max: 1, leaseMs: 1000 }))[0]?.data).toBe(text);
  });

  h.it('lists a dead letter with its text data as stored', { deadLetters: 'listable' }, async () => {
    const { provider } = await h.setup();
    const text = 'ä€😀\n[]';
    await provider.doEnqueue('q', [record('a', text)]);
    const [taken] = await provider.doTake('q', { max: 1, leaseMs: 1000 });
    await provider.doDeadLetter('q', { id: 'a', leaseToken: taken?.leaseToken ?? '' }, 'failed');
    expect((await provider.doListDeadLetters('q', { offset: 0, limit: 1 }))[0]?.data).toBe(text);
  });

  h.it('hands Uint8Array data back as the same bytes: taken, dead-lettered and replayed', { binaryData: true, deadLetters: 'listable' }, async () => {
    const { provider } = await h.setup();
    const bytes = new Uint8Array([0, 1, 10, 91, 127, 128, 200, 255]);
    await provider.doEnqueue('q', [record('b', bytes)]);
    const [taken] = await provider.doTake('q', { max: 1, leaseMs: 1000 });
    expect(taken?.data).toBeInstanceOf(Uint8Array);
    expect([...(taken?.data as Uint8Array)]).toEqual([...bytes]);
    expect(await provider.doDeadLetter('q', { id: 'b', leaseToken: taken?.leaseToken ?? '' }, 'failed')).toBe(true);
    expect([...((await provider.doListDeadLetters('q', { offset: 0, limit: 1 }))[0]?.data as Uint8Array)]).toEqual([...bytes]);
    await provider.doReplayDeadLetters('q', ['b']);
    expect([...((await provider.doTake('q', { max: 1, leaseMs: 1000 }))[0]?.data as Uint8Array)]).toEqual([...bytes]);
  });
}
