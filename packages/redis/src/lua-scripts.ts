import { createHash } from 'node:crypto';
import { ackTakeSource } from './ack-take-source.js';
import { withPrelude } from './lua-prelude.js';
import { ackLua as ack, checkWorkLua as checkWork, countGroupsLua as countGroups, countLua as count, deadLetterLua as deadLetter, deleteQueueLua as deleteQueue, declareQueueLua as declareQueue, peekReadyLua as peekReady, deleteRecordsLua as deleteRecords, getRecordLua as getRecord, promoteRecordsLua as promoteRecords, setPausedLua as setPaused, setPriorityLua as setPriority, enqueueGroupedLua as enqueueGrouped, enqueueKeyedLua as enqueueKeyed, enqueueLua as enqueue, groupPreludeLua as groupPrelude, listDeadLettersLua as listDeadLetters, preludeLua as prelude, preludeWindowLua as preludeWindow, purgeDeadLettersLua as purgeDeadLetters, purgeLua as purge, releaseLua as release, replayDeadLettersLua as replayDeadLetters, rewriteRecordLua as rewriteRecord, scanRecordsLua as scanRecords, takeLua as take } from './lua/lua-sources.js';

/** One Lua script, registered on a client under a name that includes its hash. */
export interface LuaScript {
  /** e.g. mq_take_3f2a9c81d0e4: two library versions on one client never run each other's script. */
  readonly name: string;
  readonly source: string;
}

/** The shared prelude: prelude.lua, then its fair-groups part (group-prelude.lua), then the idempotency window's definitions (prelude-window.lua). */
const PRELUDE = `${prelude}\n\n${groupPrelude}\n\n${preludeWindow}`;

/** A script's source: what it uses of the shared prelude (src/lua/prelude.lua, group-prelude.lua and prelude-window.lua, see lua-prelude.ts), then its own. */
export function script(operation: string, body: string): LuaScript {
  const source = withPrelude(PRELUDE, body);
  const sha = createHash('sha1').update(source).digest('hex');
  return { name: `mq_${operation}_${sha.slice(0, 12)}`, source };
}

/** Every state transition of @mq/redis, one script each (src/lua/*.lua). */
export const LUA_SCRIPTS = {
  enqueue: script('enqueue', enqueue),
  /** An enqueue with deduplication keys (docs/deduplication.md). */
  enqueueKeyed: script('enqueue_keyed', enqueueKeyed),
  /** An enqueue with fair groups (docs/groups.md). */
  enqueueGrouped: script('enqueue_grouped', enqueueGrouped),
  take: script('take', take),
  ack: script('ack', ack),
  /** ack.lua then take.lua in one call (see ack-take-source.ts). */
  ackTake: script('ack_take', ackTakeSource(ack, take)),
  release: script('release', release),
  deadLetter: script('dead_letter', deadLetter),
  checkWork: script('check_work', checkWork),
  count: script('count', count),
  countGroups: script('count_groups', countGroups),
  purge: script('purge', purge),
  deleteQueue: script('delete_queue', deleteQueue),
  listDeadLetters: script('list_dead_letters', listDeadLetters),
  replayDeadLetters: script('replay_dead_letters', replayDeadLetters),
  purgeDeadLetters: script('purge_dead_letters', purgeDeadLetters),
  scanRecords: script('scan_records', scanRecords),
  rewriteRecord: script('rewrite_record', rewriteRecord),
  /** The admin API (docs/observability.md): one record, delete, promote, priority, pause. */
  getRecord: script('get_record', getRecord),
  deleteRecords: script('delete_records', deleteRecords),
  promoteRecords: script('promote_records', promoteRecords),
  setPriority: script('set_priority', setPriority),
  setPaused: script('set_paused', setPaused),
  /** Partitioned queues (docs/scaling.md): the stored partition count, and the peek a take across partitions starts with. */
  declareQueue: script('declare_queue', declareQueue),
  peekReady: script('peek_ready', peekReady),
} as const;
