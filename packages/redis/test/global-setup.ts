import type { TestProject } from 'vitest/node';
import { startRedisCluster, startRedisServer, type RedisCluster, type RedisServer } from './support/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Port of the standalone redis-server that this project started. */
    redisPort: number;
    /** Ports of the three masters of the Redis Cluster that this project started. */
    redisClusterPorts: number[];
  }
}

/** Starts a standalone redis-server and a 3-master cluster for the redis project; stops them by pid. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: RedisServer | undefined;
  let cluster: RedisCluster | undefined;
  try {
    server = await startRedisServer();
    cluster = await startRedisCluster();
  } catch (error) {
    await server?.stop();
    throw error;
  }
  project.provide('redisPort', server.port);
  project.provide('redisClusterPorts', [...cluster.ports]);
  const started = { server, cluster };
  return async () => {
    await started.server.stop();
    await started.cluster.stop();
  };
}
