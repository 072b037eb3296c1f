import { MqError, ProviderUnavailableError } from '@mq/core/provider';
import { DNS_CODES, probeProtocol, type ProbeResult } from './protocol-probe.js';
import type { RedisNodeAddress } from './redis-url.js';

/** Why connect() failed: one value per thing the operator has to check (docs/redis.md). */
export type ConnectFailureReason =
  | 'connection-refused'
  | 'dns-failure'
  | 'timeout'
  | 'wrong-password'
  | 'auth-required'
  | 'tls-mismatch'
  | 'tls-certificate'
  | 'unreachable';

/** Reasons that no retry can cure: the configuration must change (MQ_INVALID_CONFIG). */
const CONFIGURATION_REASONS: ReadonlySet<ConnectFailureReason> = new Set(['wrong-password', 'auth-required', 'tls-mismatch', 'tls-certificate']);

/** Where a connection goes, as far as the error messages may tell (never credentials). */
export interface RedisEndpoint {
  /** Standalone: one node; Cluster: the seed nodes; empty when unknown (a user's Cluster client). */
  readonly nodes: readonly RedisNodeAddress[];
  readonly tls: boolean;
  /** What the operator edits: REDIS_URL (or the url option), or the options of their own client. */
  readonly configuredBy: 'url' | 'client';
}

export interface FailedConnect {
  readonly endpoint: RedisEndpoint;
  /** What the client reported during the attempt (its error events, then the rejection), in order. */
  readonly errors: readonly unknown[];
  readonly elapsedMs: number;
  readonly connectTimeoutMs: number;
  /** The attempt ran out of connectTimeoutMs. */
  readonly timedOut: boolean;
}

/** Bound of the look at the port that a failure Redis did not explain may take (ms). */
const PROBE_MS = 500;

interface ErrorSource {
  on(event: string, listener: (error: unknown) => void): unknown;
  off(event: string, listener: (error: unknown) => void): unknown;
}

/**
 * Records the errors a client reports while it connects. `decided` rejects on the first that
 * settles the outcome (a wrong password: no retry can succeed), so the wait ends at once, also
 * for a user's client that would keep retrying until the bound.
 */
export function watchConnectErrors(source: ErrorSource, events: readonly string[]): { errors: unknown[]; decided: Promise<never>; stop(): void } {
  const errors: unknown[] = [];
  let decide: (error: unknown) => void = () => undefined;
  const decided = new Promise<never>((_, reject) => (decide = reject));
  decided.catch(() => undefined);
  const listener = (error: unknown): void => {
    errors.push(error);
    const reason = reasonOf(error);
    if (reason !== undefined && CONFIGURATION_REASONS.has(reason)) decide(error);
  };
  for (const event of events) source.on(event, listener);
  return { errors, decided, stop: () => events.forEach((event) => source.off(event, listener)) };
}

/**
 * Turns a failed connect into an MqError whose message says what to check. Redis's own replies
 * decide when there is one (WRONGPASS, NOAUTH, a certificate or DNS error, a refused port); a
 * connection that closed or hung without one gets one look at the port (probe-protocol.ts).
 */
export async function explainConnectFailure(attempt: FailedConnect): Promise<MqError> {
  const { endpoint } = attempt;
  let found = findReason(attempt.errors);
  if (found === undefined && endpoint.nodes.length > 0 && (endpoint.tls || !attempt.timedOut)) {
    // A plain client talking to a TLS port is reset at once; a TLS client talking to a plain port hangs.
    const probes = await Promise.all(endpoint.nodes.slice(0, 3).map((node) => probeProtocol(node, endpoint.tls, Math.min(PROBE_MS, attempt.connectTimeoutMs))));
    found = fromProbes(probes, endpoint.tls);
  }
  const reason = found?.reason ?? (attempt.timedOut ? 'timeout' : 'unreachable');
  const cause = found?.error ?? attempt.errors.at(-1);
  const message = describe(reason, attempt, found?.error);
  const details: Record<string, unknown> = {
    reason,
    nodes: endpoint.nodes.map((n) => `${n.host}:${n.port}`),
    elapsedMs: attempt.elapsedMs,
    connectTimeoutMs: attempt.connectTimeoutMs,
  };
  if (!CONFIGURATION_REASONS.has(reason)) return new ProviderUnavailableError(message, { cause, details });
  if (endpoint.configuredBy === 'url') details.field = 'REDIS_URL';
  return new MqError('MQ_INVALID_CONFIG', message, { cause, details });
}

function findReason(errors: readonly unknown[]): { reason: ConnectFailureReason; error: unknown } | undefined {
  const reasons = errors.map((error) => ({ reason: reasonOf(error), error }));
  // A reply of Redis's (or of TLS) outranks the socket errors of the reconnects that followed it.
  for (const wanted of ['wrong-password', 'auth-required', 'tls-certificate', 'tls-mismatch', 'dns-failure', 'connection-refused'] as const) {
    const hit = reasons.find((r) => r.reason === wanted);
    if (hit !== undefined) return { reason: wanted, error: hit.error };
  }
  return undefined;
}

function reasonOf(error: unknown): ConnectFailureReason | undefined {
  if (!(error instanceof Error)) return undefined;
  // ioredis's ClusterAllFailedError carries the last seed node's error.
  const nested = (error as { lastNodeError?: unknown }).lastNodeError;
  if (nested instanceof Error && nested !== error) {
    const inner = reasonOf(nested);
    if (inner !== undefined) return inner;
  }
  const code = (error as { code?: unknown }).code;
  const message = error.message;
  if (message.includes('WRONGPASS') || message.includes('invalid password')) return 'wrong-password';
  if (message.includes('NOAUTH')) return 'auth-required';
  if (typeof code !== 'string') return undefined;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return 'tls-certificate';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') return 'tls-mismatch';
  if (DNS_CODES.has(code)) return 'dns-failure';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  return undefined;
}

function fromProbes(probes: readonly ProbeResult[], tls: boolean): { reason: ConnectFailureReason; error: undefined } | undefined {
  const mismatch = tls ? 'plain-redis' : 'tls';
  const reason: ConnectFailureReason | undefined = probes.includes(mismatch)
    ? 'tls-mismatch'
    : probes.every((p) => p === 'refused')
      ? 'connection-refused'
      : probes.every((p) => p === 'dns-failure')
        ? 'dns-failure'
        : undefined;
  return reason === undefined ? undefined : { reason, error: undefined };
}

function describe(reason: ConnectFailureReason, attempt: FailedConnect, evidence: unknown): string {
  const { endpoint, elapsedMs, connectTimeoutMs } = attempt;
  const where = endpoint.nodes.length === 0 ? 'the Redis of your client' : `Redis at ${endpoint.nodes.map((n) => `${n.host}:${n.port}`).join(', ')}`;
  const fromUrl = endpoint.configuredBy === 'url';
  const setting = fromUrl ? 'REDIS_URL' : "your client's options";
  switch (reason) {
    case 'connection-refused':
      return `${where}: connection refused (nothing listens there). Check the host and port in ${setting} and that redis-server is running and listening on that address.`;
    case 'dns-failure': {
      const hosts = [...new Set(endpoint.nodes.map((n) => JSON.stringify(n.host)))].join(', ');
      const code = (evidence as { code?: unknown } | undefined)?.code;
      return `The host name ${hosts || 'of your client'} could not be resolved${typeof code === 'string' ? ` (${code})` : ''}. Check its spelling in ${setting} and that DNS works from this machine.`;
    }
    case 'timeout':
      return `${where} did not complete the connection: gave up after ${elapsedMs} ms (connectTimeoutMs ${connectTimeoutMs}). Check that the host and port in ${setting} are a Redis server reachable from here (a firewall that drops packets looks like this), or raise connectTimeoutMs.`;
    case 'wrong-password':
      return `${where} refused the credentials (WRONGPASS): check the password (and the user name, for an ACL user) in ${setting}.`;
    case 'auth-required':
      return `${where} requires a password (NOAUTH) and none was given: ${fromUrl ? 'put it in REDIS_URL, e.g. redis://:password@host:6379 or redis://user:password@host:6379' : 'set password (and username) on your client'}.`;
    case 'tls-mismatch':
      return endpoint.tls
        ? `${where} answers without TLS, but TLS was asked for: ${fromUrl ? 'use redis:// instead of rediss://' : 'remove the tls option of your client'} (or enable TLS on the server).`
        : `${where} expects TLS: ${fromUrl ? 'use rediss:// instead of redis://' : 'set tls: {} on your client'}.`;
    case 'tls-certificate': {
      const code = (evidence as { code?: unknown } | undefined)?.code;
      return `The TLS certificate of ${where} was not accepted${typeof code === 'string' ? ` (${code})` : ''}: pass the CA that signed it with ${fromUrl ? 'redisOptions: { tls: { ca } }' : 'the tls: { ca } option of your client'}, and connect by a host name the certificate covers.`;
    }
    case 'unreachable':
      return `Could not connect to ${where}: the connection closed before Redis answered (after ${elapsedMs} ms). Check ${setting} and that Redis is running.`;
  }
}
