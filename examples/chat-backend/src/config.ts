/** Settings of the chat backend, read from the environment (and `.env`, loaded by main.ts). */
export interface ChatBackendConfig {
  port: number;
  /** Interface to listen on; default all. */
  host: string | undefined;
  nodeEnv: string;
  /** NODE_ENV unset, "development" or "test": management endpoints may stay open without a token. */
  development: boolean;
  /** Bearer token for purge and dead-letter endpoints (QUEUE_ADMIN_TOKEN). */
  adminToken: string | undefined;
  /** Secret that signs Socket.IO tokens (SOCKET_TOKEN_SECRET); without it, `auth.userId` is trusted (development only). */
  socketTokenSecret: string | undefined;
  /** Enqueue requests per client per minute (QUEUE_RATE_LIMIT_PER_MINUTE), default 120. */
  enqueueRatePerMinute: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEVELOPMENT_ENVS = new Set(['', 'development', 'test']);

export function readConfig(env: Readonly<Record<string, string | undefined>>): ChatBackendConfig {
  const nodeEnv = env.NODE_ENV?.trim() ?? '';
  const development = DEVELOPMENT_ENVS.has(nodeEnv);
  const adminToken = nonEmpty(env.QUEUE_ADMIN_TOKEN);
  const socketTokenSecret = nonEmpty(env.SOCKET_TOKEN_SECRET);
  if (!development && adminToken === undefined) {
    throw new ConfigError(`NODE_ENV=${nodeEnv}: set QUEUE_ADMIN_TOKEN, or the purge and dead-letter endpoints would be open to anyone.`);
  }
  if (!development && socketTokenSecret === undefined) {
    throw new ConfigError(`NODE_ENV=${nodeEnv}: set SOCKET_TOKEN_SECRET, or any Socket.IO client could claim any userId.`);
  }
  return {
    port: integer(env.PORT, 'PORT', 5001, 0, 65_535),
    host: nonEmpty(env.HOST),
    nodeEnv,
    development,
    adminToken,
    socketTokenSecret,
    enqueueRatePerMinute: integer(env.QUEUE_RATE_LIMIT_PER_MINUTE, 'QUEUE_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) throw new ConfigError(`${name}=${value}: use a whole number from ${min} to ${max}.`);
  return parsed;
}
