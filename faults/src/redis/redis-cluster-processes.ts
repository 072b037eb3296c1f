import { join } from 'node:path';
import { getFreePort } from '../process/free-port.js';
import { waitUntil } from '../process/wait-until.js';
import { redisCli } from './redis-cli.js';
import { RedisServerProcess } from './redis-server-process.js';

/** A 3-master Redis Cluster (no replicas) on 127.0.0.1, each master in its own directory. */
export class RedisClusterProcesses {
  private constructor(readonly masters: readonly RedisServerProcess[]) {}

  static async start(dir: string): Promise<RedisClusterProcesses> {
    const masters: RedisServerProcess[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const port = await getFreePort();
        const extraArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000'];
        masters.push(await RedisServerProcess.start({ dir: join(dir, `node-${port}`), port, extraArgs }));
      }
      const addresses = masters.map((m) => `127.0.0.1:${m.port}`);
      await redisCli(masters[0]?.port ?? 0, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
      for (const master of masters) {
        await waitUntil(async () => (await redisCli(master.port, ['cluster', 'info'])).includes('cluster_state:ok'), {
          timeoutMs: 20_000,
          intervalMs: 100,
          what: `cluster_state:ok on port ${master.port}`,
        });
      }
    } catch (error) {
      await Promise.all(masters.map((m) => m.stop()));
      throw error;
    }
    return new RedisClusterProcesses(masters);
  }

  /** The REDIS_URL form of @mq/redis for a cluster: every node, comma-separated. */
  get url(): string {
    return this.masters.map((m) => m.url).join(',');
  }

  async stop(): Promise<void> {
    await Promise.all(this.masters.map((m) => m.stop()));
  }
}
