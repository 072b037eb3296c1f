import { ManualClock, MessageQueue, type MessageQueueOptions, type QueueEventMap } from '@mq/core';
import {
  effectiveCapabilities,
  normalizeCapabilities,
  parsePriorityLevelQueueName,
  type DeclaredCapabilities,
  type ProviderCapabilities,
  type QueueProvider,
} from '@mq/core/provider';
import { afterEach, it as vitestIt, vi } from 'vitest';
import { unmetNeed, type CapabilityNeeds } from './capability-needs.js';

/** Store-level counts read around the provider (a back door), for checks that must not trust it. */
export interface RawCounts {
  /** Records waiting (ready or delayed). */
  readonly waiting: number;
  /** Records under a lease. */
  readonly leased: number;
  readonly dead: number;
}

export interface ContractContext {
  /** The clock the provider must judge delays and leases by. */
  readonly clock: ManualClock;
  /**
   * Unique per test. Providers whose store outlives the instance (Redis) must keep each namespace
   * apart (e.g. as a key prefix); two providers created with the same namespace share one store.
   */
  readonly namespace: string;
}

export type ContractGroup =
  | 'ordering'
  | 'idempotency'
  | 'delay'
  | 'lease'
  | 'ackNack'
  | 'deadLetters'
  | 'purge'
  | 'deleteQueue'
  | 'isolation'
  | 'concurrency'
  | 'subscribe'
  | 'stats'
  | 'lifecycle'
  | 'validation'
  | 'data'
  | 'seams'
  | 'encryption'
  | 'scan'
  | 'deduplication'
  | 'groups'
  | 'partitions'
  | 'routing'
  | 'admin';

export interface ProviderContractOptions {
  /** A fresh, empty provider for one test, judging time by ctx.clock. */
  createProvider(ctx: ContractContext): QueueProvider | Promise<QueueProvider>;
  /** Cleans up after a test (the queue is already disconnected). */
  destroyProvider?(provider: QueueProvider): Promise<void>;
  /** Reads counts from the store directly, bypassing the provider's own methods. */
  inspect?(provider: QueueProvider, queueName: string): Promise<RawCounts>;
  /**
   * Every value the store holds for this provider (its namespace), as text (bytes as latin1),
   * read around the provider: the encryption cases check that no payload text is stored.
   */
  storedValues?(provider: QueueProvider): Promise<string[]>;
  /**
   * The capabilities the provider declares (its `capabilities`), so the suite knows when it
   * registers the cases which ones apply; each test then checks that the provider declares the
   * same. Default: a v1 provider's (everything the core promises, no binary data), unchecked.
   */
  capabilities?: DeclaredCapabilities;
  /**
   * capabilities.groups: reads from the store directly what it keeps for the groups of a queue
   * (keys, fields, maps), named; the churn case expects nothing once every group emptied.
   */
  inspectGroups?(provider: QueueProvider, queueName: string): Promise<string[]>;
  /**
   * The provider remembers ids for an idempotency window (doSetIdempotencyWindow,
   * docs/deduplication.md); the 'idempotency' cases run only then. Default false.
   */
  idempotencyWindow?: boolean;
  /** Groups this provider skips, each with the reason. */
  skip?: Partial<Record<ContractGroup, string>>;
  /** Bound for awaiting a condition; default 5000 ms. */
  waitTimeoutMs?: number;
}

export interface ContractSetup {
  readonly queue: MessageQueue;
  readonly provider: QueueProvider;
  readonly clock: ManualClock;
  /** Back-door counts, or undefined when the provider has no inspect(). */
  raw(queueName: string): Promise<RawCounts | undefined>;
  /** A second queue on another provider instance sharing the same store (a second consumer). */
  peer(): Promise<MessageQueue>;
  /** Another queue over the same provider instance, with other options (e.g. other encryption keys). */
  sibling(queueOptions?: QueueOptions): Promise<MessageQueue>;
  /**
   * The provider's own doListQueues(), asked directly, with the core's store queues of priority
   * levels (for a store without priorities) read as the queue they belong to.
   */
  storeQueues(): Promise<string[]>;
}

export type QueueOptions = Omit<MessageQueueOptions, 'provider' | 'clock'>;

let namespaceCounter = 0;

/** Per-test setup and teardown of queues over the provider under test. */
export class ContractHarness {
  private readonly cleanups: (() => Promise<void>)[] = [];
  /** What the provider declares, filled in (v1 meaning for what it leaves out). */
  readonly declared: ProviderCapabilities;
  /** What the core offers over it, after emulating what the store lacks: what cases are gated on. */
  readonly capabilities: ProviderCapabilities;

  constructor(readonly options: ProviderContractOptions) {
    this.declared = normalizeCapabilities(options.capabilities ?? { sharedAcrossProcesses: false, durable: false, crossInstanceEvents: false });
    this.capabilities = effectiveCapabilities(this.declared);
    afterEach(async () => {
      for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup();
    });
  }

  get waitTimeoutMs(): number {
    return this.options.waitTimeoutMs ?? 5000;
  }

  /**
   * Registers a case that runs only where the capabilities it needs hold (after the core's
   * emulations); elsewhere it is registered skipped, saying why in its title.
   */
  it(title: string, needs: CapabilityNeeds, fn: () => Promise<void>): void {
    const unmet = unmetNeed(this.capabilities, needs);
    this.register(title, unmet, fn);
  }

  /** Like it(), for the cases of the idempotency window (options.idempotencyWindow). */
  itRemembering(title: string, fn: () => Promise<void>): void {
    this.register(title, this.options.idempotencyWindow === true ? undefined : 'the provider does not remember ids (options.idempotencyWindow)', fn);
  }

  private register(title: string, unmet: string | undefined, fn: () => Promise<void>): void {
    if (unmet === undefined) vitestIt(title, fn);
    else vitestIt.skip(`${title} (not run: ${unmet})`, fn);
  }

  /** A connected queue on a fresh provider, with a manual clock and fast, jitter-free retries. */
  async setup(queueOptions: QueueOptions = {}): Promise<ContractSetup> {
    const clock = new ManualClock();
    const namespace = `t${process.pid}x${++namespaceCounter}`;
    const provider = await this.options.createProvider({ clock, namespace });
    this.checkDeclared(provider);
    const queue = await this.open(provider, clock, queueOptions);
    return {
      queue,
      provider,
      clock,
      raw: (name) => (this.options.inspect ? this.options.inspect(provider, name) : Promise.resolve(undefined)),
      peer: async () => {
        const shared = provider.capabilities.sharedAcrossProcesses ? await this.options.createProvider({ clock, namespace }) : provider;
        return this.open(shared, clock, queueOptions, shared !== provider);
      },
      sibling: (options = {}) => this.open(provider, clock, options, false),
      storeQueues: async () => {
        const names = await provider.doListQueues();
        if (this.declared.priorities === 'native') return names;
        return [...new Set(names.map((name) => parsePriorityLevelQueueName(name)?.queueName ?? name))];
      },
    };
  }

  /** The suite chose its cases by options.capabilities: the provider must declare just that. */
  private checkDeclared(provider: QueueProvider): void {
    if (this.options.capabilities === undefined) return;
    const actual = normalizeCapabilities(provider.capabilities);
    const differs = (Object.keys(this.declared) as (keyof ProviderCapabilities)[]).find((key) => actual[key] !== this.declared[key]);
    if (differs !== undefined) {
      throw new Error(
        `The provider declares capabilities.${differs} = ${String(actual[differs])}, but the suite was given ${String(this.declared[differs])} (options.capabilities): pass the provider's own capabilities.`,
      );
    }
  }

  /** A queue over `provider` that is not connected (for lifecycle tests). */
  unconnected(provider: QueueProvider, clock: ManualClock, queueOptions: QueueOptions = {}): MessageQueue {
    const queue = new MessageQueue({ ...queueOptions, provider, clock });
    this.cleanups.push(async () => {
      await queue.disconnect().catch(() => undefined);
      await this.options.destroyProvider?.(provider);
    });
    return queue;
  }

  /** Awaits `condition` (retrying it) within the suite's bound. */
  eventually<T>(condition: () => T | Promise<T>): Promise<T> {
    return vi.waitFor(condition, { timeout: this.waitTimeoutMs, interval: 10 });
  }

  /** Resolves with the next `name` event that `match` accepts, or rejects after the bound. */
  nextEvent<K extends keyof QueueEventMap>(queue: MessageQueue, name: K, match: (...args: QueueEventMap[K]) => boolean = () => true): Promise<QueueEventMap[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        queue.off(name, listener as never);
        reject(new Error(`No "${String(name)}" event within ${this.waitTimeoutMs} ms`));
      }, this.waitTimeoutMs);
      const listener = (...args: QueueEventMap[K]): void => {
        if (!match(...args)) return;
        clearTimeout(timer);
        queue.off(name, listener as never);
        resolve(args);
      };
      queue.on(name, listener as never);
    });
  }

  private async open(provider: QueueProvider, clock: ManualClock, queueOptions: QueueOptions, destroy = true): Promise<MessageQueue> {
    const queue = new MessageQueue({ retry: { jitter: 0 }, ...queueOptions, provider, clock });
    queue.on('error', () => undefined);
    await queue.connect();
    this.cleanups.push(async () => {
      await queue.disconnect();
      if (destroy) await this.options.destroyProvider?.(provider);
    });
    return queue;
  }
}
