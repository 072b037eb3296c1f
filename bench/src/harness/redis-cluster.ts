import { spawnSync } from 'node:child_process';
import { startRedisServer, type RedisServer } from './redis-server.js';

/** A private 3-master Redis Cluster (no replicas) on free loopback ports, for the partitioned-queue case. */
export interface RedisClusterServers {
  readonly servers: readonly RedisServer[];
  readonly url: string;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<RedisClusterServers> {
  const servers: RedisServer[] = [];
  const stop = async (): Promise<void> => void (await Promise.all(servers.map((s) => s.stop())));
  try {
    for (let i = 0; i < masters; i++) servers.push(await startRedisServer(['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${i}.conf`, '--cluster-node-timeout', '2000']));
    const nodes = servers.map((s) => `127.0.0.1:${s.port}`);
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${create.stdout}\n${create.stderr}`);
    const deadline = Date.now() + 20_000;
    while (!servers.every((s) => spawnSync('redis-cli', ['-p', String(s.port), 'cluster', 'info'], { encoding: 'utf8' }).stdout.includes('cluster_state:ok'))) {
      if (Date.now() > deadline) throw new Error('the bench cluster did not reach cluster_state:ok within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { servers, url: nodes.map((n) => `redis://${n}`).join(','), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
