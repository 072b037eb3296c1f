import * as fs from 'node:fs';
import type { TakenRecord } from '@mq/core/provider';
import { createInMemoryProvider } from '@mq/memory';
import { readWorkerConfig, reportProblems, tellParent } from './worker-runtime.js';

/** Config of a durable in-memory worker (case 11): it works on `dir` until SIGKILLed, or drains it. */
export interface DurableMemoryConfig {
  readonly dir: string;
  readonly durability: 'fsync' | 'batch' | 'none';
  /** Its ledger: one line per acknowledged call, appended (to the OS) right after the call resolved. */
  readonly ledger: string;
  readonly run: number;
  readonly mode: 'work' | 'drain';
  readonly leaseMs: number;
  readonly compactAfterBytes: number;
}

const config = readWorkerConfig<DurableMemoryConfig>();
reportProblems();
const Q = 'jobs';
const provider = createInMemoryProvider({ persistence: { dir: config.dir, durability: config.durability, compactAfterBytes: config.compactAfterBytes } });
const ledger = fs.openSync(config.ledger, 'a');
const note = (line: string): void => {
  fs.writeSync(ledger, `${line}\n`);
};

async function produce(producer: number): Promise<void> {
  for (let n = 0; ; n++) {
    const size = 1 + (n % 4);
    const records = Array.from({ length: size }, (_, i) => ({ id: `r${config.run}-p${producer}-${n}-${i}`, priority: 1 + ((n + i) % 10), delayMs: i === 3 ? 50 : 0, data: `payload ${n} ${i}` }));
    await provider.doEnqueue(Q, records);
    for (const record of records) note(`E ${record.id}`);
  }
}

async function settle(record: TakenRecord, choice: number): Promise<void> {
  const lease = { id: record.id, leaseToken: record.leaseToken };
  if (choice < 7) {
    // `a`: the ack is asked (it may take effect even if the process dies before it resolves).
    note(`a ${record.id}`);
    if (await provider.doAck(Q, lease, 1)) note(`A ${record.id}`);
  } else if (choice < 9) {
    if (await provider.doRelease(Q, lease, { delayMs: 0, lastError: 'retry' })) note(`R ${record.id}`);
  }
  // else: held until the process dies (in flight at the kill).
}

async function consume(consumer: number): Promise<void> {
  for (let n = 0; ; n++) {
    const taken = await provider.doTake(Q, { max: 8, leaseMs: config.leaseMs });
    for (const record of taken) note(`T ${record.id} ${record.attempts}`);
    await Promise.all(taken.map((record, i) => settle(record, (n * 7 + i * 3 + consumer) % 10)));
    if (taken.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function drain(): Promise<void> {
  // Leases of the killed runs run out within leaseMs: take until the queue is empty, ack all.
  for (;;) {
    const taken = await provider.doTake(Q, { max: 100, leaseMs: 60_000 });
    for (const record of taken) {
      note(`T ${record.id} ${record.attempts}`);
      note(`a ${record.id}`);
      if (await provider.doAck(Q, { id: record.id, leaseToken: record.leaseToken }, 1)) note(`A ${record.id}`);
    }
    const counts = await provider.doCount(Q);
    if (counts.ready + counts.delayed + counts.processing === 0) return;
    if (taken.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

await provider.doConnect();
tellParent({ type: 'ready', pid: process.pid });
if (config.mode === 'drain') {
  await drain();
  const counts = await provider.doCount(Q);
  await provider.doDisconnect();
  tellParent({ type: 'finished', pid: process.pid, summary: { completed: counts.completed, dead: counts.dead } });
} else {
  void Promise.all([produce(0), produce(1), consume(0), consume(1)]);
}
