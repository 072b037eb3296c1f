import { aesGcmEncryption, gzipCompression } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { openQueue } from '../support/open-queue.js';

/**
 * Records as an earlier version wrote them (2026-12-04, before the IV pool and the scratch AAD
 * buffer): the stored format and the additional authenticated data are a contract with every record
 * already in a queue, so a change to how they are built must still read these. Binary records are
 * given as base64 of their bytes; text records as stored.
 */
const KEY = new Uint8Array(32).map((_, i) => i * 7 + 1);
const WRITTEN: Record<string, { id: string; data: string }> = {
  'binary': { id: '2LqEkjQPodZH.0', data: "WzIsImpzb24iLCJvcmRlci5jcmVhdGVkIiwxNzAwMDAwMDAwMDAwLDQsMCwiYmluYXJ5IixbWyJhZXMtMjU2LWdjbSIsImsxIl1dLCJzZWFsZWQiXQoD+hgGFlIhhZJ92UtGbEj8MRIYoDI3UpmqaOMV3nNFKRou706c/sW3XhPK89WmtlLj73Tsx6VLMD3IuVyrAC1+4je5ERwLyZPyxjETTDwT1Je5mDqtkfKacQkJA7WMt76gIy0BAbXRLTcQghIS5CHUa9yqzAvpFirZqy8x4taO5FKhvIWRMdTgl9l58KSmnKVOicKvgXG8QaaQJQO8rtCF0hZhfPsa" },
  'binary+gzip': { id: '2LqEkjQPodZH.1', data: "WzIsImpzb24iLCJvcmRlci5jcmVhdGVkIiwxNzAwMDAwMDAwMDAwLDQsMCwiYmluYXJ5IixbWyJnemlwIiwiIl0sWyJhZXMtMjU2LWdjbSIsImsxIl1dLCJzZWFsZWQiXQpPHW0XuWIWYN41x05gBH+n4sDO1eZs/1/sbIQkvObbtu18okg9BrOlNSyxqK3wnvMzxHtQFAWUoR9XAoaXBMH4RVA9C4I9GrqUh1jqxL1Yk/N3coMthCdfXM1RZqC6MT1ILrmDtvsKkP4pzPBk/Ql3EUWkAhap9f0yHISQ55tSt3FCgpL6aAZta+CpIIbbqcMP91s=" },
  'text': { id: '2LqEkjQPodZH.2', data: "[2,\"json\",\"order.created\",1700000000000,4,0,\"base64\",[[\"aes-256-gcm\",\"k1\"]],\"sealed\"]\nPTTW6C0KM8t/Ih9lLBgmELLV2UFkcDW64HicBTzV09u0+AINxlFXyelPTarQItbwrhlwbN1r/2v8yaT72/UKRkQFVE2v4n81hvLxGi5GNVRvaNXcpZrWQFfrC5PQiOvlgFQxvtrmkCD3ol/ufEwSrdasKK77vGVUutPUgeTKdbTywq33XvWxas1ri7dkzgZDathSUbprIOOx6FtMn5BAmORmsozSrw==" },
  'text+gzip': { id: '2LqEkjQPodZH.3', data: "[2,\"json\",\"order.created\",1700000000000,4,0,\"base64\",[[\"gzip\",\"\"],[\"aes-256-gcm\",\"k1\"]],\"sealed\"]\ncXZWatp1Szesch761NhnpG5EAMxFgQX1yubfV8h7lyl6jP1DBLB5Hd+71Wp67NZyoPp8oZkIiOxeD9iDh8t15odmZPuS8EowFzQ9TJryV7aNNwBJaT6b7op7ktRk/3Elts9hJUhn2ndlRn3TBPcaBKSeMLsAs8yc+r1ydVIV0pRi80gkluVaB/B8b3lJQOKcN3zX" },
};

const PAYLOAD = { text: `ünïcødé ✓ ${'x'.repeat(40)}`, n: 42 };

describe('encrypted records written by an earlier version', () => {
  it.each(Object.entries(WRITTEN))('%s: decodes to the message it was written from', async (name, written) => {
    const binaryData = name.startsWith('binary');
    const gzip = name.endsWith('+gzip');
    const { queue, inner } = await openQueue({ binaryData, encryption: aesGcmEncryption({ keys: { k1: KEY }, activeKeyId: 'k1' }), ...(gzip ? { compression: gzipCompression({ minBytes: 10 }) } : {}) });
    const data = binaryData ? new Uint8Array(Buffer.from(written.data, 'base64')) : written.data;
    await inner.doEnqueue('orders', [{ id: written.id, priority: 3, delayMs: 0, data }]);
    const message = await queue.dequeue('orders');
    expect(message).toMatchObject({
      id: written.id,
      type: 'order.created',
      payload: PAYLOAD,
      priority: 3,
      maxRetries: 4,
      createdAt: 1_700_000_000_000,
      metadata: { userId: 'u-1', conversationId: 'c-2', correlationId: 'r-3', headers: { traceparent: '00-abc-01' } },
    });
    await queue.disconnect();
  });

  it('the same record under another id does not verify (the AAD binds the id): dead-lettered with auth-failed', async () => {
    const written = WRITTEN['text'] as { id: string; data: string };
    const { queue, inner, errors } = await openQueue({ binaryData: false, encryption: aesGcmEncryption({ keys: { k1: KEY }, activeKeyId: 'k1' }) });
    await inner.doEnqueue('orders', [{ id: `${written.id}x`, priority: 3, delayMs: 0, data: written.data }]);
    expect(await queue.dequeue('orders')).toBeNull();
    expect(errors.map((e) => (e as Error & { details?: unknown }).details)).toEqual([expect.objectContaining({ messageId: `${written.id}x`, reason: 'auth-failed' })]);
    expect((await inner.doCount('orders')).dead).toBe(1);
    await queue.disconnect();
  });
});

describe('IVs', () => {
  it('every message gets its own, across refills of the random pool', async () => {
    const { queue, stored } = await openQueue({ binaryData: true, encryption: aesGcmEncryption({ keys: { k1: KEY }, activeKeyId: 'k1' }) });
    // 1,000 IVs of 12 bytes: the 4 KB pool is refilled twice.
    await queue.enqueueMany('q', Array.from({ length: 1000 }, (_, i) => queue.createMessage('t', { i })));
    const ivs = new Set(stored.map((record) => {
      const bytes = record.data as Uint8Array;
      const body = bytes.subarray(bytes.indexOf(10) + 1);
      return Buffer.from(body.subarray(0, 12)).toString('hex');
    }));
    expect(stored).toHaveLength(1000);
    expect(ivs.size).toBe(1000);
    for (let i = 0; i < 1000; i++) expect((await queue.dequeue('q'))?.payload).toEqual({ i });
    await queue.disconnect();
  });
});
