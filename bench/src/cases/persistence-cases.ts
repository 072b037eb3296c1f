import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageQueue } from '@mq/core';
import { createInMemoryProvider, type Durability } from '@mq/memory';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { priorityStream } from '../harness/seeded-random.js';
import { param } from './open-contender.js';

// Issue 14: the in-memory provider with persistence (contenders mq-memory-<durability>) against the plain one (mq-memory).
const QUEUE = 'bench';

function durabilityOf(contender: string): Durability | undefined {
  if (contender === 'mq-memory') return undefined;
  const mode = contender.replace(/^mq-memory-/, '');
  if (mode === 'fsync' || mode === 'batch' || mode === 'none') return mode;
  throw new Error(`unknown persistence contender ${contender}`);
}

interface Opened {
  readonly queue: MessageQueue;
  readonly dir: string;
  close(): Promise<void>;
}

async function open(contender: string, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-persist-')), compactAfterBytes?: number): Promise<Opened> {
  const durability = durabilityOf(contender);
  const provider = createInMemoryProvider(durability === undefined ? {} : { persistence: { dir, durability, ...(compactAfterBytes === undefined ? {} : { compactAfterBytes }) } });
  const queue = new MessageQueue({ provider });
  await queue.connect();
  return {
    queue,
    dir,
    async close() {
      await queue.disconnect();
    },
  };
}

async function roundTrip(queue: MessageQueue, count: number): Promise<void> {
  const nextPriority = priorityStream();
  for (let i = 0; i < count; i++) await queue.enqueue(QUEUE, queue.createMessage('bench', benchPayload(i), { priority: nextPriority() }));
  for (let message = await queue.dequeue(QUEUE); message !== null; message = await queue.dequeue(QUEUE)) await queue.ack(message);
}

/** `count` messages enqueued one by one (awaited), then each dequeued and acked (as case 7a). */
export async function persistenceRoundTripCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const warm = await open(context.contender);
  await roundTrip(warm.queue, param(context, 'warmup'));
  await warm.close();
  fs.rmSync(warm.dir, { recursive: true, force: true });
  const run = await open(context.contender);
  const cost = await measure(undefined, () => roundTrip(run.queue, count));
  await run.close();
  fs.rmSync(run.dir, { recursive: true, force: true });
  return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
}

/** 50 producers in flight, each enqueue → dequeue → ack in a loop until `count` messages went through (group commit at work). */
export async function persistenceInflightCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const inFlight = param(context, 'inFlight');
  const run = await open(context.contender);
  const { queue } = run;
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      const i = started++;
      await queue.enqueue(QUEUE, queue.createMessage('bench', benchPayload(i), { priority: 5 }));
      const message = await queue.dequeue(QUEUE);
      if (message !== null) await queue.ack(message);
    }
  };
  const cost = await measure(undefined, () => Promise.all(Array.from({ length: inFlight }, worker)).then(() => undefined));
  await run.close();
  fs.rmSync(run.dir, { recursive: true, force: true });
  return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
}

/** A log of `count` waiting messages (no compaction): time for connect() to rebuild the queue, and disk bytes per message. */
export async function persistenceRestartCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const fill = await open(context.contender, undefined, Number.MAX_SAFE_INTEGER);
  const nextPriority = priorityStream();
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    await fill.queue.enqueueMany(QUEUE, Array.from({ length: size }, (_, i) => fill.queue.createMessage('bench', benchPayload(start + i), { priority: nextPriority() })));
  }
  await fill.close();
  const bytes = fs.readdirSync(fill.dir).reduce((sum, name) => sum + fs.statSync(path.join(fill.dir, name)).size, 0);
  let restarted: Opened | undefined;
  const cost = await measure(undefined, async () => {
    restarted = await open(context.contender, fill.dir, Number.MAX_SAFE_INTEGER);
  });
  const counts = await restarted?.queue.getStats(QUEUE);
  if (counts?.readyMessages !== count) throw new Error(`restart found ${counts?.readyMessages} of ${count} messages`);
  await restarted?.close();
  fs.rmSync(fill.dir, { recursive: true, force: true });
  return { ...cost, metrics: { restartMs: cost.wallMs, diskBytesPerMsg: bytes / count } };
}
