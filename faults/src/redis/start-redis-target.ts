import type { CaseDir } from '../process/case-dir.js';
import { RedisClusterProcesses } from './redis-cluster-processes.js';
import { RedisServerProcess, type AppendFsync } from './redis-server-process.js';

export type RedisTargetKind = 'standalone' | 'cluster';

export interface RedisTarget {
  readonly kind: RedisTargetKind;
  /** REDIS_URL for @mq/redis. */
  readonly url: string;
  stop(): Promise<void>;
}

/** A standalone server (optionally with AOF) or the 3-master cluster, in the case's directory. */
export async function startRedisTarget(kind: RedisTargetKind, dir: CaseDir, appendfsync?: AppendFsync): Promise<RedisTarget> {
  if (kind === 'cluster') {
    const cluster = await RedisClusterProcesses.start(dir.sub('cluster'));
    return { kind, url: cluster.url, stop: () => cluster.stop() };
  }
  const server = await RedisServerProcess.start({ dir: dir.sub('redis'), ...(appendfsync === undefined ? {} : { appendfsync }) });
  return { kind, url: server.url, stop: () => server.stop() };
}
