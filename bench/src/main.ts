// `pnpm bench [--quick]`: the peer benchmark suite of issue 5. Method: ../shared/BENCH.md, docs/benchmarks.md.
import { parseBenchOptions } from './bench-options.js';
import { benchPayload } from './harness/bench-payload.js';
import { buildChildBundle } from './harness/build-child-bundle.js';
import { packageVersion } from './harness/contender-versions.js';
import { redisBenchmarkCeiling } from './harness/redis-benchmark-ceiling.js';
import { startRedisServer } from './harness/redis-server.js';
import { runPlan } from './harness/run-plan.js';
import { summarize } from './harness/stats.js';
import { benchPlan, bigBacklogs } from './plan/bench-plan.js';
import { benchReport } from './report/bench-report.js';

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseBenchOptions(process.argv.slice(2));
  const log = (line: string): void => void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
  const plan = benchPlan(options.quick).filter((d) => options.only.length === 0 || options.only.some((prefix) => d.id.startsWith(prefix)));
  const bundle = await buildChildBundle();
  const redis = await startRedisServer();
  log(`redis-server ${redis.version} on 127.0.0.1:${redis.port} (pid ${redis.pid}); ${plan.length} cases × ${options.repetitions} repetitions`);
  try {
    // --quick: every repetition of a case and contender in one process (a process start costs
    // 0.3–0.8 s here); the full run gives every repetition its own process.
    const perProcess = options.quick ? options.repetitions : 1;
    const rounds = options.quick ? 1 : options.repetitions;
    const results = await runPlan(plan, { bundle, port: redis.port, repetitions: rounds, repetitionsPerProcess: perProcess, log });
    let ceiling;
    if (!options.noCeiling) {
      const payload = JSON.stringify(benchPayload(12345));
      const unpipelined: number[] = [];
      const pipelined: number[] = [];
      for (let rep = 0; rep < options.repetitions; rep++) {
        unpipelined.push(await redisBenchmarkCeiling(redis.port, options.quick ? 5000 : 100_000, 1, payload));
        pipelined.push(await redisBenchmarkCeiling(redis.port, options.quick ? 20_000 : 500_000, 16, payload));
      }
      ceiling = { unpipelined: summarize(unpipelined), pipelined: summarize(pipelined) };
      log(`redis-benchmark ceiling: ${ceiling.unpipelined.median.toFixed(0)} calls/s unpipelined, ${ceiling.pipelined.median.toFixed(0)} with -P 16`);
    }
    const report = benchReport({
      plan,
      results,
      command: options.quick ? 'pnpm bench --quick' : 'pnpm bench',
      repetitions: options.repetitions,
      quick: options.quick,
      versions: {
        '@mq': packageVersion('@mq/core'),
        bullmq: packageVersion('bullmq'),
        'bee-queue': packageVersion('bee-queue'),
        ioredis: packageVersion('ioredis'),
        'redis-server': redis.version,
      },
      payloadBytes: JSON.stringify(benchPayload(12345)).length,
      ceiling,
      bigBacklogs: bigBacklogs(options.quick),
      elapsedMs: performance.now() - started,
    });
    process.stdout.write(`${report}\n`);
  } finally {
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
