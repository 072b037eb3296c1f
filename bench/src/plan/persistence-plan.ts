import { THROUGHPUT, type CaseDefinition } from './case-definition.js';

/** Sizes of issue 14's restart case (a log of this many waiting messages). */
export const restartLogMessages = (quick: boolean): number => (quick ? 20_000 : 1_000_000);

/** Issue 14: the in-memory provider with persistence against the plain one. */
export function persistenceCases(quick: boolean): CaseDefinition[] {
  const q = <T>(full: T, small: T): T => (quick ? small : full);
  const restart = restartLogMessages(quick);
  return [
    {
      id: 'persistence-round-trip',
      caseId: 'persistence-round-trip',
      title: `8. in-memory, persistence: enqueue ${q('100,000', '5,000')} one by one, then dequeue + ack each`,
      group: 'persistence',
      contenders: ['mq-memory', 'mq-memory-batch', 'mq-memory-none'],
      params: { count: q(100_000, 5000), warmup: q(10_000, 1000) },
      metrics: [THROUGHPUT],
      timeoutMs: 180_000,
    },
    {
      id: 'persistence-inflight',
      caseId: 'persistence-inflight',
      title: `8. in-memory, persistence: enqueue → dequeue → ack, 50 producers in flight, ${q('20,000', '1,000')} messages`,
      group: 'persistence',
      contenders: ['mq-memory', 'mq-memory-batch', 'mq-memory-fsync'],
      params: { count: q(20_000, 1000), inFlight: 50 },
      metrics: [THROUGHPUT],
      timeoutMs: 180_000,
    },
    {
      id: 'persistence-restart',
      caseId: 'persistence-restart',
      title: `8. in-memory, persistence: restart on a log of ${restart.toLocaleString('en-US')} waiting messages`,
      group: 'persistence',
      contenders: ['mq-memory-batch'],
      params: { count: restart },
      metrics: [
        { key: 'restartMs', label: 'connect()', unit: 'ms', better: 'lower' },
        { key: 'diskBytesPerMsg', label: 'disk bytes/msg', unit: 'B', better: 'lower' },
      ],
      timeoutMs: 180_000,
      maxRepetitions: 3,
    },
  ];
}
