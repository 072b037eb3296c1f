import { unsupportedError } from '../capabilities/unsupported-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import { validateMessageId, validatePriority, validateQueueName } from '../message/validate.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import type { ActionOutcome } from '../provider/record-scan.js';
import type { ProviderGateway } from '../queue/provider-gateway.js';
import { validateCursor, validateMessageFilter, validateMessageState, validateMessageTarget, validatePageLimit, validateScanLimit } from './admin-arguments.js';
import type { ActionOptions, ActionReport, ListMessagesOptions, MessageInfo, MessagePage, MessageState, SearchMessagesOptions, SearchPage } from './message-info.js';
import { toMessageInfo } from './to-message-info.js';
import { walkRecords } from './admin-walk.js';

const CHUNK = 100;
const ALL_STATES = { replay: ['dead'], delete: ['ready', 'delayed', 'dead'], promote: ['delayed'], priority: ['ready', 'delayed'] } as const satisfies Record<string, readonly MessageState[]>;
type Action = keyof typeof ALL_STATES;
const OPERATION: Record<Action, string> = { replay: 'replayMessages', delete: 'deleteMessages', promote: 'promoteMessages', priority: 'changePriority' };

/**
 * The admin API (docs/observability.md, "Admin API"): browse, search and change stored messages,
 * pause and resume queues. Arguments are checked here; the provider's admin seams store and move.
 */
export class Admin {
  constructor(
    private readonly gateway: ProviderGateway,
    private readonly serializer: MessageSerializer,
  ) {}

  async list(queueName: string, options: ListMessagesOptions): Promise<MessagePage> {
    this.require(queueName, 'listMessages');
    const given = (options ?? {}) as Partial<ListMessagesOptions>;
    const state = validateMessageState(given.state);
    const walk = await walkRecords(this.gateway, this.serializer, queueName, [state], {}, { limit: validatePageLimit(given.limit), scanLimit: Infinity, cursor: validateCursor(given.cursor), operation: 'listMessages' });
    // One state only: its own cursor carries no state index.
    return { items: walk.items, nextCursor: walk.cursor === '' ? null : walk.cursor };
  }

  async get(queueName: string, id: string): Promise<MessageInfo | null> {
    this.require(queueName, 'getMessage');
    validateMessageId(id);
    const record = await this.gateway.admin('getRecord', 'getMessage', queueName, id, (p) => seam(p, 'doGetRecord')(queueName, id));
    return record === null ? null : toMessageInfo(this.serializer, queueName, record.state, record);
  }

  async search(queueName: string, options: SearchMessagesOptions = {}): Promise<SearchPage> {
    this.require(queueName, 'searchMessages');
    const { limit, scanLimit, cursor, ...rest } = options ?? {};
    const { states, ...filter } = validateMessageFilter(rest, 'options');
    const limits = { limit: validatePageLimit(limit), scanLimit: validateScanLimit(scanLimit), cursor: validateCursor(cursor), operation: 'searchMessages' };
    const walk = await walkRecords(this.gateway, this.serializer, queueName, states, filter, limits);
    const complete = walk.cursor === '';
    return { items: walk.items, nextCursor: complete ? null : walk.cursor, scanned: walk.scanned, complete };
  }

  async act(action: Action, queueName: string, target: unknown, options: ActionOptions = {}, priority?: number): Promise<ActionReport> {
    this.require(queueName, OPERATION[action]);
    const checked = validateMessageTarget(target);
    const level = action === 'priority' ? validatePriority(priority) : 0;
    const ids = 'ids' in checked ? checked.ids : await this.collect(queueName, action, 'filter' in checked ? checked.filter : {});
    const results: { id: string; outcome: ActionOutcome }[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const outcomes = await this.apply(action, queueName, chunk, level);
      chunk.forEach((id, i) => results.push({ id, outcome: outcomes[i] ?? 'not_found' }));
      options?.onProgress?.(results.length, ids.length);
    }
    const count = (outcome: ActionOutcome): number => results.filter((r) => r.outcome === outcome).length;
    return { results, done: count('done'), notFound: count('not_found'), wrongState: count('wrong_state') };
  }

  async setPaused(queueName: string, paused: boolean): Promise<void> {
    this.require(queueName, paused ? 'pauseQueue' : 'resumeQueue');
    await this.gateway.admin('setPaused', paused ? 'pauseQueue' : 'resumeQueue', queueName, undefined, (p) => seam(p, 'doSetPaused')(queueName, paused));
  }

  async isPaused(queueName: string): Promise<boolean> {
    this.require(queueName, 'isPaused');
    return (await this.gateway.count(queueName, 'isPaused')).paused === true;
  }

  /** The ids of the records a filter (or all: {}) names, in the states the action accepts. */
  private async collect(queueName: string, action: Action, filter: object): Promise<string[]> {
    const { states: wanted, ...rest } = validateMessageFilter(filter);
    const states = (ALL_STATES[action] as readonly MessageState[]).filter((s) => wanted.includes(s));
    const ids = new Set<string>();
    let cursor = '';
    do {
      const walk = await walkRecords(this.gateway, this.serializer, queueName, states, rest, { limit: 1000, scanLimit: Infinity, cursor, operation: OPERATION[action] });
      for (const item of walk.items) ids.add(item.id);
      cursor = walk.cursor;
    } while (cursor !== '' && states.length > 0);
    return [...ids];
  }

  private async apply(action: Action, queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]> {
    const { gateway } = this;
    const operation = OPERATION[action];
    if (action === 'delete') return gateway.admin('deleteRecords', operation, queueName, ids, (p) => seam(p, 'doDeleteRecords')(queueName, ids));
    if (action === 'promote') return gateway.admin('promoteRecords', operation, queueName, ids, (p) => seam(p, 'doPromoteRecords')(queueName, ids));
    if (action === 'priority') return gateway.admin('setPriority', operation, queueName, ids, (p) => seam(p, 'doSetPriority')(queueName, ids, priority));
    const moved = new Set(await gateway.replayDeadLetters(queueName, ids));
    return Promise.all(ids.map(async (id) => {
      if (moved.has(id)) return 'done' as const;
      const record = await gateway.admin('getRecord', operation, queueName, id, (p) => seam(p, 'doGetRecord')(queueName, id));
      return record === null ? ('not_found' as const) : ('wrong_state' as const);
    }));
  }

  private require(queueName: string, operation: string): void {
    validateQueueName(queueName);
    const { session } = this.gateway;
    const provider = session.requireOpen(operation);
    if (!session.capabilities.admin) {
      throw unsupportedError(provider.name, 'admin', 'browse, change or pause stored messages', `${operation}() needs a provider that declares it (@mq/memory does, @mq/redis not yet); nothing was changed.`);
    }
  }
}

type AdminSeam = 'doGetRecord' | 'doDeleteRecords' | 'doPromoteRecords' | 'doSetPriority' | 'doSetPaused';

/** A declared admin seam, bound to its provider (capabilities.admin promises it). */
function seam<K extends AdminSeam>(provider: QueueProvider, name: K): NonNullable<QueueProvider[K]> {
  return (provider[name] as (...args: unknown[]) => unknown).bind(provider) as NonNullable<QueueProvider[K]>;
}

