import { createPayloadPipeline, isMqError, MessageQueue, type DecodeFailureReason, type PayloadPipeline } from '@mq/core';
import { describe, expect, it, vi } from 'vitest';
import { openQueue } from '../support/open-queue.js';
import { failingStage, xorStage } from '../support/test-stages.js';

interface Case {
  readonly title: string;
  /** Stored as it is, or written by a queue with this pipeline. */
  readonly data?: string;
  readonly writer?: PayloadPipeline;
  readonly reader?: PayloadPipeline;
  readonly stage: string;
  readonly reason: DecodeFailureReason;
}

const CASES: Case[] = [
  { title: 'data without a header line', data: 'not an envelope', stage: 'envelope', reason: 'unknown-format' },
  { title: 'a header that is not JSON', data: '[1,"json",\n1', stage: 'envelope', reason: 'unknown-format' },
  { title: 'an unknown envelope version', data: '[9,"json","t",0,3,0]\n1', stage: 'envelope', reason: 'unknown-format' },
  { title: 'an unknown serializer', data: '[1,"yaml","t",0,3,0]\n1', stage: 'yaml', reason: 'unknown-stage' },
  { title: 'a payload that is not JSON', data: '[1,"json","t",0,3,0]\n{oops', stage: 'json', reason: 'corrupt' },
  {
    title: 'a stage this queue does not have',
    writer: createPayloadPipeline({ stages: [xorStage(3, 'rot')] }),
    reader: createPayloadPipeline({ stages: [xorStage(3)] }),
    stage: 'rot',
    reason: 'unknown-stage',
  },
  { title: 'staged data on a queue without stages', writer: createPayloadPipeline({ stages: [xorStage(3)] }), stage: 'xor', reason: 'unknown-stage' },
  {
    title: 'a stage that throws a StageFailure',
    writer: createPayloadPipeline({ stages: [failingStage('seal', 'auth-failed', 'poison')] }),
    reader: createPayloadPipeline({ stages: [failingStage('seal', 'auth-failed', 'ok')] }),
    stage: 'seal',
    reason: 'auth-failed',
  },
  {
    title: 'a stage that throws any other error',
    writer: createPayloadPipeline({ stages: [failingStage('seal', undefined, 'poison')] }),
    reader: createPayloadPipeline({ stages: [failingStage('seal', undefined, 'ok')] }),
    stage: 'seal',
    reason: 'corrupt',
  },
];

describe.each(CASES)('a record with $title', ({ data, writer, reader, stage, reason }) => {
  it(`fails with MQ_DECODE_FAILED (stage "${stage}", ${reason}), is dead-lettered with it, and the subscription goes on`, async () => {
    const opened = await openQueue(reader === undefined ? {} : { pipeline: reader });
    const { queue, inner, clock, errors } = opened;
    if (data !== undefined) {
      await inner.doEnqueue('q', [{ id: 'bad', priority: 10, delayMs: 0, data }]);
    } else {
      const other = new MessageQueue({ provider: opened.provider, clock, ...(writer === undefined ? {} : { pipeline: writer }) });
      await other.connect();
      await other.enqueue('q', other.createMessage('t', { secret: 1 }, { id: 'bad', priority: 10 }));
      await other.disconnect();
    }
    await queue.enqueueMany('q', [1, 2].map((n) => queue.createMessage('t', n, { id: `good-${n}` })));
    const handled: string[] = [];
    const subscription = queue.subscribe('q', (message) => void handled.push(message.id), { concurrency: 2 });
    await vi.waitFor(() => expect(handled).toEqual(['good-1', 'good-2']));
    await vi.waitFor(async () => expect(await queue.deadLetters('q')).toHaveLength(1));
    const [dead] = await queue.deadLetters('q');
    expect(dead).toMatchObject({ id: 'bad', payload: null, attempts: 0, error: { code: 'MQ_DECODE_FAILED' }, decodeError: { code: 'MQ_DECODE_FAILED' } });
    const reported = errors.find((e) => isMqError(e, 'MQ_DECODE_FAILED'));
    expect(reported).toBeDefined();
    expect(isMqError(reported) && reported.details).toEqual({ messageId: 'bad', queueName: 'q', stage, reason });
    expect(reported?.message).toContain('"bad"');
    // The next messages are handled too: the subscription did not stop.
    await queue.enqueue('q', queue.createMessage('t', 3, { id: 'good-3' }));
    await vi.waitFor(() => expect(handled).toEqual(['good-1', 'good-2', 'good-3']));
    await subscription.close();
    await queue.disconnect();
  });
});

describe('decode failures', () => {
  it('dequeue() dead-letters an undecodable record and returns the next one', async () => {
    const { queue, inner } = await openQueue();
    await inner.doEnqueue('q', [{ id: 'bad', priority: 10, delayMs: 0, data: '[1,"json","t",0,3,0]\n{oops' }]);
    await queue.enqueue('q', queue.createMessage('t', 'fine', { id: 'good' }));
    expect((await queue.dequeue('q'))?.id).toBe('good');
    expect((await queue.deadLetters('q')).map((d) => [d.id, d.error.code])).toEqual([['bad', 'MQ_DECODE_FAILED']]);
    await queue.disconnect();
  });
});
