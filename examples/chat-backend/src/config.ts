import { isIP } from 'node:net';

/** What a process of the chat backend runs: the HTTP API and Socket.IO, the subscribers, or both. */
export const ROLES = ['api', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

/** Settings of the chat backend, read from the environment (and `.env`, loaded by main.ts). */
export interface ChatBackendConfig {
  /** ROLE: api (HTTP + Socket.IO, no subscribers), worker (subscribers + a health listener) or all (default). */
  role: Role;
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
  /**
   * Express's `trust proxy` (TRUST_PROXY): how many proxies, or which addresses, may set
   * X-Forwarded-For, so that req.ip (and the rate limit) is the client's. Default none.
   */
  trustProxy: number | string[] | undefined;
}

/**
 * Every environment variable the app reads: readConfig's, MESSAGE_QUEUE_PROVIDER, MQ_ENCRYPTION_KEYS
 * and MQ_COMPRESSION (read by @mq/core's createMessageQueue(), docs/encryption.md), REDIS_URL (read
 * by @mq/redis when chosen), MQ_MEMORY_DIR and MQ_MEMORY_DURABILITY (read by @mq/memory:
 * persistence, docs/persistence.md), and the settings of @mq/sqs. A test keeps
 * this list honest, and checks docker-compose.yml sets no other.
 */
export const CONFIG_VARIABLES = [
  'ROLE',
  'PORT',
  'HOST',
  'NODE_ENV',
  'QUEUE_ADMIN_TOKEN',
  'SOCKET_TOKEN_SECRET',
  'QUEUE_RATE_LIMIT_PER_MINUTE',
  'TRUST_PROXY',
  'MESSAGE_QUEUE_PROVIDER',
  'MQ_ENCRYPTION_KEYS',
  'MQ_COMPRESSION',
  'REDIS_URL',
  'MQ_MEMORY_DIR',
  'MQ_MEMORY_DURABILITY',
  // Read by @mq/sqs when MESSAGE_QUEUE_PROVIDER=sqs (credentials: the AWS SDK's default chain).
  'AWS_REGION',
  'SQS_ENDPOINT',
  'MQ_SQS_PREFIX',
  'MQ_SQS_LONG_POLL_SECONDS',
  'MQ_SQS_FIFO',
] as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEVELOPMENT_ENVS = new Set(['', 'development', 'test']);

export function readConfig(env: Readonly<Record<string, string | undefined>>): ChatBackendConfig {
  const role = readRole(env.ROLE);
  const nodeEnv = env.NODE_ENV?.trim() ?? '';
  const development = DEVELOPMENT_ENVS.has(nodeEnv);
  const adminToken = nonEmpty(env.QUEUE_ADMIN_TOKEN);
  const socketTokenSecret = nonEmpty(env.SOCKET_TOKEN_SECRET);
  // A worker serves no API and no sockets: the tokens guard nothing there.
  if (role !== 'worker' && !development && adminToken === undefined) {
    throw new ConfigError(`NODE_ENV=${nodeEnv}: set QUEUE_ADMIN_TOKEN, or the purge and dead-letter endpoints would be open to anyone.`);
  }
  if (role !== 'worker' && !development && socketTokenSecret === undefined) {
    throw new ConfigError(`NODE_ENV=${nodeEnv}: set SOCKET_TOKEN_SECRET, or any Socket.IO client could claim any userId.`);
  }
  return {
    role,
    port: integer(env.PORT, 'PORT', 5001, 0, 65_535),
    host: nonEmpty(env.HOST),
    nodeEnv,
    development,
    adminToken,
    socketTokenSecret,
    enqueueRatePerMinute: integer(env.QUEUE_RATE_LIMIT_PER_MINUTE, 'QUEUE_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
  };
}

/**
 * A split role needs a provider that several processes share: in memory, an API-only process would
 * enqueue messages that nothing ever processes, and a worker would wait for messages that never come.
 */
export function checkRoleFitsProvider(role: Role, providerName: string): void {
  if (role !== 'all' && providerName === 'memory') {
    throw new ConfigError(`ROLE=${role} needs MESSAGE_QUEUE_PROVIDER=redis: the memory provider keeps messages inside one process. Use ROLE=all (the default) with memory.`);
  }
}

function readRole(raw: string | undefined): Role {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined) return 'all';
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new ConfigError(`ROLE=${nonEmpty(raw)}: use api, worker or all (the default).`);
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** A number of hops, or addresses, subnets and Express's names for address ranges; never `true`. */
function readTrustProxy(raw: string | undefined): number | string[] | undefined {
  const value = nonEmpty(raw);
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return integer(value, 'TRUST_PROXY', 0, 0, 100);
  if (value.toLowerCase() === 'true') {
    throw new ConfigError('TRUST_PROXY=true would trust any client to name its own address: give the number of proxies in front (e.g. 1) or their addresses.');
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!PROXY_NAMES.includes(entry) && !isAddressOrSubnet(entry)) {
      throw new ConfigError(`TRUST_PROXY=${value}: "${entry}" is not an IP address, a subnet (10.0.0.0/8) or ${PROXY_NAMES.join(', ')}.`);
    }
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
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
