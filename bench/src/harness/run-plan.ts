import type { CaseDefinition } from '../plan/case-definition.js';
import type { ChildSpec } from './case-types.js';
import { RedisInfo } from './redis-info.js';
import { startRedisServer } from './redis-server.js';
import { runChild, type RunOutcome } from './run-child.js';

/** Outcomes by case id, then by contender, one per repetition. */
export type PlanResults = Map<string, Map<string, RunOutcome[]>>;

export interface PlanRunOptions {
  readonly bundle: string;
  readonly port: number;
  /** Rounds of A B C …, each run in its own process. */
  readonly repetitions: number;
  /** Timed runs inside each process (--quick: all repetitions in one process per case and contender). */
  readonly repetitionsPerProcess: number;
  readonly log: (line: string) => void;
}

function record(results: PlanResults, caseId: string, contender: string, outcomes: readonly RunOutcome[]): void {
  const byContender = results.get(caseId) ?? new Map<string, RunOutcome[]>();
  results.set(caseId, byContender);
  const list = byContender.get(contender) ?? [];
  byContender.set(contender, list);
  list.push(...outcomes);
}

const profileOf = (definition: CaseDefinition): Pick<ChildSpec, 'peerProfile'> => (definition.peerProfile === undefined ? {} : { peerProfile: definition.peerProfile });

function describe(outcomes: readonly RunOutcome[]): string {
  return outcomes
    .map((outcome) => {
      if (!outcome.ok) return `FAILED ${outcome.error}`;
      return Object.entries(outcome.result.metrics)
        .map(([k, v]) => `${k}=${v.toFixed(v < 100 ? 2 : 0)}`)
        .join(' ');
    })
    .join('; ');
}

/**
 * Runs every case: repetitions interleave the contenders (A B C A B C …), each run in its own
 * process, with Redis flushed before each (in --quick mode a process runs its case's repetitions
 * back to back, flushing in between). Cases marked parallelOwnRedis run all at once, each on its
 * own redis-server.
 */
export async function runPlan(plan: readonly CaseDefinition[], options: PlanRunOptions): Promise<PlanResults> {
  const results: PlanResults = new Map();
  const monitor = new RedisInfo(options.port);
  await monitor.connect();
  try {
    for (const definition of plan) {
      const contenders = definition.contenders.filter((c) => definition.notApplicable?.[c] === undefined);
      if (definition.parallelOwnRedis === true) {
        await runParallel(definition, contenders, options, results);
        continue;
      }
      const rounds = Math.min(options.repetitions, definition.maxRepetitions ?? Infinity);
      const perProcess = Math.min(options.repetitionsPerProcess, definition.maxRepetitions ?? Infinity);
      for (let rep = 0; rep < rounds; rep++) {
        for (const contender of contenders) {
          if (definition.group === 'redis') await monitor.flushAll();
          const port = definition.group === 'redis' ? options.port : 0;
          const spec: ChildSpec = { caseId: definition.caseId, contender, params: definition.params, port, repetitions: perProcess, ...profileOf(definition) };
          const started = performance.now();
          const outcomes = await runChild(options.bundle, spec, definition.timeoutMs * perProcess);
          record(results, definition.id, contender, outcomes);
          options.log(`${definition.id} ${contender} #${rep + 1}: ${describe(outcomes)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        }
      }
    }
  } finally {
    await monitor.flushAll().catch(() => undefined);
    await monitor.close();
  }
  return results;
}

async function runParallel(definition: CaseDefinition, contenders: readonly string[], options: PlanRunOptions, results: PlanResults): Promise<void> {
  const rounds = options.repetitions * options.repetitionsPerProcess;
  const runs = Array.from({ length: rounds }, (_, rep) => contenders.map((contender) => ({ rep, contender }))).flat();
  const outcomes = await Promise.all(
    runs.map(async ({ contender }) => {
      const server = await startRedisServer();
      try {
        const spec: ChildSpec = { caseId: definition.caseId, contender, params: definition.params, port: server.port, repetitions: 1, ...profileOf(definition) };
        return await runChild(options.bundle, spec, definition.timeoutMs);
      } finally {
        await server.stop();
      }
    }),
  );
  runs.forEach(({ rep, contender }, i) => {
    const outcome = outcomes[i] as RunOutcome[];
    record(results, definition.id, contender, outcome);
    options.log(`${definition.id} ${contender} #${rep + 1}: ${describe(outcome)}`);
  });
}
