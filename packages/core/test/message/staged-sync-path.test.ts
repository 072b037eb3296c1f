import { aesGcmEncryption, createPayloadPipeline, gzipCompression, isMqError, type PayloadStage } from '@mq/core';
import type { TakenRecord } from '@mq/core/provider';
import { describe, expect, it } from 'vitest';
import { MessageSerializer } from '../../src/message/message-serializer.js';
import { resolvePipeline } from '../../src/pipeline/payload-pipeline.js';
import type { QueueMessage } from '../../src/message/queue-message.js';
import { asyncStage, xorStage } from '../support/test-stages.js';

const message = (id: string, payload: unknown): QueueMessage =>
  ({ id, type: 't', payload, priority: 5, createdAt: 1000, delayMs: 0, availableAt: 1000, attempts: 0, maxRetries: 3, metadata: { userId: 'u1', headers: { h: 'v' } } }) as QueueMessage;

const taken = (id: string, data: TakenRecord['data']): TakenRecord => ({ id, priority: 5, data, attempts: 1, availableAt: 1000, leaseToken: 'tok', leaseExpiresAt: 31_000 }) as TakenRecord;

function serializerOf(stages: PayloadStage[]): MessageSerializer {
  return new MessageSerializer(resolvePipeline(createPayloadPipeline({ stages }), undefined, undefined));
}

const KEY = new Uint8Array(32).fill(3);
const SYNC: [string, () => PayloadStage[]][] = [
  ['AES-GCM', () => [aesGcmEncryption({ keys: { k: KEY }, activeKeyId: 'k' })]],
  ['gzip then AES-GCM', () => [gzipCompression({ minBytes: 1 }), aesGcmEncryption({ keys: { k: KEY }, activeKeyId: 'k' })]],
  ['a synchronous custom stage', () => [xorStage(9)]],
];

describe('stages that encode and decode synchronously take no promise per message', () => {
  it.each(SYNC)('%s: records and received messages come back as values, and read back', (_name, stages) => {
    const serializer = serializerOf(stages());
    for (const binary of [true, false]) {
      const records = serializer.toStagedRecords([message('a', { n: 1 }), message('b', 'two')], 'q', binary);
      expect(records).toBeInstanceOf(Array);
      const [a, b] = records as { id: string; data: TakenRecord['data'] }[];
      const first = serializer.toReceived('q', taken('a', (a as { data: TakenRecord['data'] }).data), 1000);
      expect(first).not.toBeInstanceOf(Promise);
      expect(first).toMatchObject({ id: 'a', payload: { n: 1 }, metadata: { userId: 'u1', headers: { h: 'v' } } });
      expect(serializer.toReceived('q', taken('b', (b as { data: TakenRecord['data'] }).data), 1000)).toMatchObject({ payload: 'two' });
    }
  });

  it('a synchronous stage that throws on decode fails at once with MQ_DECODE_FAILED (no rejected promise)', () => {
    const serializer = serializerOf([aesGcmEncryption({ keys: { k: KEY }, activeKeyId: 'k' })]);
    const [record] = serializer.toStagedRecords([message('a', 1)], 'q', false) as { data: string }[];
    const read = (): unknown => serializer.toReceived('q', taken('moved', (record as { data: string }).data), 1000);
    expect(read).toThrow(/could not be read back/);
    let failure: unknown;
    try {
      read();
    } catch (error) {
      failure = error;
    }
    expect(isMqError(failure, 'MQ_DECODE_FAILED') && failure.details).toMatchObject({ messageId: 'moved', reason: 'auth-failed', stage: 'aes-256-gcm' });
  });

  it('a synchronous stage that throws on encode throws from toStagedRecords', () => {
    const broken: PayloadStage = { name: 'broken', encode: () => { throw new Error('no'); }, decode: (b) => b };
    expect(() => serializerOf([broken]).toStagedRecords([message('a', 1)], 'q', true)).toThrow('no');
  });
});

describe('an async stage anywhere makes the rest wait, in order', () => {
  it.each([
    ['async first', (): PayloadStage[] => [asyncStage(), xorStage(5)]],
    ['async last', (): PayloadStage[] => [xorStage(5), asyncStage()]],
    ['async between', (): PayloadStage[] => [xorStage(5), asyncStage(), aesGcmEncryption({ keys: { k: KEY }, activeKeyId: 'k' })]],
  ])('%s: one promise for the batch; the header lists every stage in encode order', async (_name, stages) => {
    const serializer = serializerOf(stages());
    const pending = serializer.toStagedRecords([message('a', { n: 1 }), message('b', { n: 2 })], ['q1', 'q2'], false);
    expect(pending).toBeInstanceOf(Promise);
    const records = await pending;
    const names = stages().map((s) => s.name);
    for (const [i, record] of records.entries()) {
      const header = JSON.parse((record.data as string).slice(0, (record.data as string).indexOf('\n'))) as unknown[];
      expect((header[7] as [string, string][]).map(([n]) => n)).toEqual(names);
      const received = serializer.toReceived(`q${i + 1}`, taken(record.id, record.data), 1000);
      expect(received).toBeInstanceOf(Promise);
      await expect(received).resolves.toMatchObject({ id: record.id, payload: { n: i + 1 } });
    }
  });

  it('an async stage that rejects on decode rejects with MQ_DECODE_FAILED naming it', async () => {
    const gone: PayloadStage = { name: 'lookup', encode: (body) => ({ body, params: 'v1' }), decode: () => Promise.reject(new Error('key service down')) };
    const serializer = serializerOf([gone, xorStage(1)]);
    const [record] = serializer.toStagedRecords([message('a', 1)], 'q', true) as { id: string; data: Uint8Array }[];
    const received = serializer.toReceived('q', taken('a', (record as { data: Uint8Array }).data), 1000);
    await expect(received).rejects.toMatchObject({ code: 'MQ_DECODE_FAILED', details: { stage: 'lookup', reason: 'corrupt' } });
  });
});
