import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A minimal enqueue + dequeue in one script call: the most one Redis round trip can do per message. */
export const CEILING_SCRIPT = "redis.call('LPUSH', KEYS[1], ARGV[1]) return redis.call('RPOP', KEYS[1])";

/** Script calls per second that redis-benchmark (50 clients) reaches, unpipelined or with -P. */
export async function redisBenchmarkCeiling(port: number, requests: number, pipeline: number, payload: string): Promise<number> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-n', String(requests), '-c', '50', '-P', String(pipeline), '--csv'];
  const { stdout } = await run('redis-benchmark', [...args, 'EVAL', CEILING_SCRIPT, '1', 'bench:ceiling', payload], { timeout: 60_000 });
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  // The test name (first field) holds the script's own quotes; rps is the first of the seven numbers after it.
  const fields = lastLine.split('","');
  const rps = Number(fields[fields.length - 7]);
  if (!Number.isFinite(rps)) throw new Error(`could not read redis-benchmark output: ${lastLine}`);
  return rps;
}
