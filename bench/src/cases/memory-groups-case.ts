import { createInMemoryQueue } from '@mq/memory';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { param } from './open-contender.js';

const QUEUE = 'bench';

/**
 * Case 8 (fair groups, issue 15): the cost of groups on the in-memory provider. `count` messages
 * at one priority are drained by a subscriber with concurrency 50. Contender "mq-memory": each
 * message in one of `groups` groups and groupConcurrency 10; contender "baseline": the same
 * @mq memory queue without groups (the feature-off path), measured in the same run.
 */
export async function memoryGroupsCase(context: CaseContext): Promise<CaseResult> {
  const grouped = context.contender === 'mq-memory';
  const groups = param(context, 'groups');
  await drain(grouped, groups, param(context, 'warmup'));
  const { cost, count } = await drain(grouped, groups, param(context, 'count'));
  return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
}

async function drain(grouped: boolean, groups: number, count: number): Promise<{ cost: Awaited<ReturnType<typeof measure>>; count: number }> {
  const queue = createInMemoryQueue();
  await queue.connect();
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    await queue.enqueueMany(
      QUEUE,
      Array.from({ length: size }, (_, i) => queue.createMessage('bench', benchPayload(start + i), grouped ? { groupId: `g${(start + i) % groups}` } : {})),
    );
  }
  const cost = await measure(undefined, () =>
    new Promise<void>((resolve) => {
      let handled = 0;
      const subscription = queue.subscribe(
        QUEUE,
        async () => {
          if (++handled === count) void subscription.close().then(resolve);
          await Promise.resolve();
        },
        grouped ? { concurrency: 50, groupConcurrency: 10 } : { concurrency: 50 },
      );
    }),
  );
  await queue.disconnect();
  return { cost, count };
}
