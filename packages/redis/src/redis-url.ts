import { ValidationError } from '@mq/core/provider';

export interface RedisNodeAddress {
  readonly host: string;
  readonly port: number;
}

/** Where to connect, as read from a REDIS_URL. */
export interface RedisTarget {
  /** A comma-separated list of URLs means Redis Cluster; one URL means a standalone server. */
  readonly mode: 'standalone' | 'cluster';
  readonly nodes: readonly RedisNodeAddress[];
  readonly username?: string;
  readonly password?: string;
  /** Database number (standalone only). */
  readonly db: number;
  /** rediss:// */
  readonly tls: boolean;
}

export const ACCEPTED_REDIS_URL_FORMS = [
  'redis://host:6379',
  'redis://:password@host:6379',
  'redis://user:password@host:6379/2 (database 2)',
  'rediss://host:6380 (TLS)',
  'redis://node1:6379,redis://node2:6379,redis://node3:6379 (Redis Cluster)',
] as const;

const DEFAULT_PORT = 6379;

/** Where Redis runs when REDIS_URL is unset or blank. */
export const DEFAULT_REDIS_URL = 'redis://localhost:6379';

/** REDIS_URL from `env` (blank counts as unset), else DEFAULT_REDIS_URL. */
export function redisUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const value: unknown = env.REDIS_URL;
  if (value !== undefined && typeof value !== 'string') throw invalid(value, 'it is not a string');
  return value?.trim() || DEFAULT_REDIS_URL;
}

/** Reads a REDIS_URL. Throws MQ_INVALID_CONFIG naming the accepted forms; never echoes a password. */
export function parseRedisUrl(url: unknown): RedisTarget {
  if (typeof url !== 'string' || url.trim() === '') throw invalid(url, 'it is empty');
  const parts = url.split(',').map((part) => part.trim());
  const parsed = parts.map((part, index) => parseOne(part, parts.length > 1 ? `node ${index + 1}` : 'it', url));
  const first = parsed[0] as ParsedUrl;
  for (const other of parsed.slice(1)) {
    if (other.tls !== first.tls) throw invalid(url, 'the cluster nodes mix redis:// and rediss://');
    if (other.username !== first.username || other.password !== first.password) {
      throw invalid(url, 'the cluster nodes carry different credentials');
    }
  }
  const cluster = parsed.length > 1;
  if (cluster && parsed.some((p) => p.db !== 0)) throw invalid(url, 'Redis Cluster has only database 0');
  return {
    mode: cluster ? 'cluster' : 'standalone',
    nodes: parsed.map((p) => ({ host: p.host, port: p.port })),
    ...(first.username === undefined ? {} : { username: first.username }),
    ...(first.password === undefined ? {} : { password: first.password }),
    db: first.db,
    tls: first.tls,
  };
}

interface ParsedUrl extends RedisNodeAddress {
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  readonly tls: boolean;
}

function parseOne(text: string, which: string, whole: string): ParsedUrl {
  if (text === '') throw invalid(whole, `${which} is empty (a stray comma?)`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(whole, `${which} is not a URL`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw invalid(whole, `${which} does not start with redis:// or rediss://`);
  if (url.hostname === '') throw invalid(whole, `${which} has no host`);
  if (url.search !== '' || url.hash !== '') throw invalid(whole, `${which} has a query or fragment, which @mq does not read`);
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(whole, `${which} has an invalid port`);
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,5}$/.test(path)) throw invalid(whole, `${which} has a path that is not a database number`);
  const db = path === '' ? 0 : Number(path);
  const username = url.username === '' ? undefined : decode(url.username, whole, which);
  const password = url.password === '' ? undefined : decode(url.password, whole, which);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port, db, tls: url.protocol === 'rediss:', ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) };
}

function decode(value: string, whole: string, which: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalid(whole, `${which} has badly escaped credentials`);
  }
}

/** The URL as safe to show: one that carries credentials ("@") is not shown at all. */
export function redactRedisUrl(url: string): string {
  return url.includes('@') ? '(a URL with credentials, not shown)' : JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);
}

function invalid(url: unknown, reason: string): ValidationError {
  const shown = typeof url === 'string' ? redactRedisUrl(url) : typeof url;
  return new ValidationError(
    'MQ_INVALID_CONFIG',
    `Invalid REDIS_URL ${shown}: ${reason}. Accepted forms: ${ACCEPTED_REDIS_URL_FORMS.join(', ')}.`,
    { field: 'REDIS_URL', allowed: ACCEPTED_REDIS_URL_FORMS },
  );
}
