import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { explainConnectFailure, watchConnectErrors, type RedisEndpoint } from './connect-failure.js';
import type { LuaScript } from './lua-scripts.js';
import type { RedisTarget } from './redis-url.js';
import { CommandDeadlines } from './command-deadlines.js';
import { IoredisSubscriber } from './ioredis-subscriber.js';
import { scriptCommand } from './ioredis-script-command.js';
import { CallTimeoutError, withTimeout } from './with-timeout.js';

/** A client of ioredis: standalone or cluster. Only the ioredis-*.ts files call ioredis. */
export type IoredisClient = Redis | Cluster;

export interface ConnectionSettings {
  /** Bound for connecting, in ms. */
  readonly connectTimeoutMs: number;
  /** Bound for one command, in ms: no promise waits longer. */
  readonly commandTimeoutMs: number;
  /** Extra ioredis options for clients this package creates (e.g. TLS certificates). */
  readonly redisOptions?: Partial<RedisOptions>;
}

/** One server that takes writes (see IoredisConnection.primaries). */
export interface PrimaryNode {
  readonly name: string;
  send(command: string, args: readonly (string | number)[], extraMs?: number): Promise<unknown>;
}

type Handler = (channel: string, message: string) => void;
type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

/** Creates, for a parsed REDIS_URL, an ioredis client that fails fast instead of queueing offline. */
export function createIoredisClient(target: RedisTarget, settings: ConnectionSettings): IoredisClient {
  const options: RedisOptions = {
    ...(target.username === undefined ? {} : { username: target.username }),
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.tls ? { tls: {} } : {}),
    lazyConnect: true,
    enableOfflineQueue: false,
    // A broken connection fails the calls in flight at once; nothing is resent later behind the caller's back.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: settings.connectTimeoutMs,
    // A connection that stops answering (a black hole) is dropped and re-opened.
    socketTimeout: settings.commandTimeoutMs,
    retryStrategy: (times: number) => Math.min(100 * times, 1000),
    connectionName: 'mq',
    ...settings.redisOptions,
  };
  if (target.mode === 'standalone') {
    const node = target.nodes[0] ?? { host: 'localhost', port: 6379 };
    return new Redis({ ...options, host: node.host, port: node.port, db: target.db });
  }
  const clusterOptions: ClusterOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: (times: number) => Math.min(100 * times, 1000),
    slotsRefreshTimeout: settings.connectTimeoutMs,
    redisOptions: options,
  };
  return new Cluster(target.nodes.map((n) => ({ host: n.host, port: n.port })), clusterOptions);
}

/** Where a client connects, from its options (a Cluster client's seed nodes are not public: unknown). */
function endpointOfClient(client: IoredisClient): RedisEndpoint {
  if (client instanceof Cluster) return { nodes: [], tls: client.options.redisOptions?.tls !== undefined, configuredBy: 'client' };
  const { host, port, tls } = client.options;
  return { nodes: [{ host: host ?? 'localhost', port: port ?? 6379 }], tls: tls !== undefined, configuredBy: 'client' };
}

/** One ioredis client with bounded commands, and the Lua scripts registered on it by name. */
export class IoredisConnection {
  private connecting: Promise<void> | undefined;
  private readonly deadlines: CommandDeadlines;
  /** A user's client with ioredis' keyPrefix: scripts keep ioredis' own path, which prefixes keys. */
  private readonly keyPrefixed: boolean;

  constructor(
    private readonly client: IoredisClient,
    /** Whether this package created the client (and so closes it). */
    private readonly owned: boolean,
    private readonly settings: ConnectionSettings,
    /** Where it connects, for error messages; by default read from the client's options. */
    private readonly endpoint: RedisEndpoint = endpointOfClient(client),
  ) {
    if (owned) client.on('error', () => undefined);
    this.deadlines = new CommandDeadlines(settings.commandTimeoutMs);
    const { keyPrefix } = client.options as { keyPrefix?: string };
    this.keyPrefixed = keyPrefix !== undefined && keyPrefix !== '';
  }

  get isCluster(): boolean {
    return this.client instanceof Cluster;
  }

  /** Connects (or checks a user's client answers) within the connect bound. Idempotent. */
  connect(): Promise<void> {
    if (this.owned && this.client.status === 'ready') return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * Connects, listening to what the client reports meanwhile: ioredis rejects connect() with
   * "Connection is closed" and tells why (WRONGPASS, ECONNREFUSED, …) only in error events.
   */
  private async open(): Promise<void> {
    const { connectTimeoutMs } = this.settings;
    const started = Date.now();
    const watch = watchConnectErrors(this.client, ['error', 'node error']);
    try {
      const attempt = this.owned ? this.client.connect() : this.client.ping();
      attempt.catch(() => undefined);
      await withTimeout(Promise.race([attempt, watch.decided]), connectTimeoutMs);
    } catch (error) {
      if (this.owned) this.client.disconnect();
      const errors = watch.errors.includes(error) ? watch.errors : [...watch.errors, error];
      const timedOut = error instanceof CallTimeoutError;
      throw await explainConnectFailure({ endpoint: this.endpoint, errors, elapsedMs: Date.now() - started, connectTimeoutMs, timedOut });
    } finally {
      watch.stop();
    }
  }

  /**
   * Runs a script with all its keys in KEYS: a pre-framed EVALSHA (EVAL on a socket's first call
   * and after NOSCRIPT; ioredis-script-command.ts) bounded by the connection's one deadline timer
   * (command-deadlines.ts). A client with a keyPrefix goes through defineCommand, which prefixes
   * every key.
   */
  run(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    if (this.keyPrefixed) return this.runDefined(script, keys, args);
    const command = scriptCommand(this.client, script, keys, args);
    this.deadlines.add(command);
    return this.client.sendCommand(command) as Promise<unknown>;
  }

  private runDefined(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const commands = this.client as unknown as Record<string, ScriptCall | undefined>;
    let call = commands[script.name];
    if (call === undefined) {
      this.client.defineCommand(script.name, { lua: script.source });
      call = commands[script.name] as ScriptCall;
    }
    return this.timed(call.call(this.client, keys.length, ...keys, ...args));
  }

  addToSet(key: string, member: string): Promise<unknown> {
    return this.timed(this.client.sadd(key, member));
  }

  removeFromSet(key: string, member: string): Promise<unknown> {
    return this.timed(this.client.srem(key, member));
  }

  setMembers(key: string): Promise<string[]> {
    return this.timed(this.client.smembers(key));
  }

  /**
   * The server, or each master of a cluster, named host:port, to send single commands to; each
   * reply is bounded by the command bound plus `extraMs` (a WAIT blocks up to its own timeout).
   */
  primaries(): PrimaryNode[] {
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    return nodes.map((n) => ({
      name: `${n.options.host ?? 'localhost'}:${n.options.port ?? 6379}`,
      send: (command, args, extraMs = 0) => withTimeout(n.call(command, ...args), this.settings.commandTimeoutMs + extraMs),
    }));
  }

  publish(channel: string, message: string): Promise<unknown> {
    return this.timed(this.client.publish(channel, message));
  }

  /** True when Redis answers PING within `timeoutMs`. Never throws. */
  async ping(timeoutMs: number): Promise<boolean> {
    if (this.owned && this.client.status !== 'ready') return false;
    try {
      await withTimeout(this.client.ping(), timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Another connection to the same standalone server (ours to close), for calls that must not
   * queue behind this connection's (WAIT blocks the connection it runs on).
   */
  createSibling(): IoredisConnection {
    if (this.client instanceof Cluster) throw new Error('a sibling connection is for a standalone Redis only');
    return new IoredisConnection(this.client.duplicate({ lazyConnect: true }), true, this.settings, this.endpoint);
  }

  /** A second connection for pub/sub (ours to close). */
  createSubscriber(onMessage: Handler, onResubscribed: () => void): IoredisSubscriber {
    const duplicate = this.client instanceof Cluster ? this.client.duplicate() : this.client.duplicate();
    return new IoredisSubscriber(duplicate, this.settings, onMessage, onResubscribed);
  }

  /** Closes the client if this package created it; a user's client stays open. */
  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await withTimeout(this.client.quit(), this.settings.commandTimeoutMs);
    } catch {
      this.client.disconnect();
    }
  }

  private timed<T>(promise: Promise<T>): Promise<T> {
    return withTimeout(promise, this.settings.commandTimeoutMs);
  }
}
