import type { RedisInfo } from './redis-info.js';

export interface Cost {
  readonly wallMs: number;
  readonly nodeCpuMs: number;
  readonly redisCpuMs?: number;
}

/** Runs `work` and reports its wall time, this process's CPU and (with `redis`) Redis's CPU. */
export async function measure(redis: RedisInfo | undefined, work: () => Promise<void>): Promise<Cost> {
  const redisBefore = redis === undefined ? 0 : await redis.cpuMs();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  if (redis === undefined) return { wallMs, nodeCpuMs };
  return { wallMs, nodeCpuMs, redisCpuMs: (await redis.cpuMs()) - redisBefore };
}
