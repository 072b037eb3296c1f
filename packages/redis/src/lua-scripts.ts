import { createHash } from 'node:crypto';
import { ackTakeSource } from './ack-take-source.js';
import { withPrelude } from './lua-prelude.js';
import { ackLua as ack, checkWorkLua as checkWork, countLua as count, deadLetterLua as deadLetter, deleteQueueLua as deleteQueue, enqueueKeyedLua as enqueueKeyed, enqueueLua as enqueue, listDeadLettersLua as listDeadLetters, preludeLua, preludeWindowLua, purgeDeadLettersLua as purgeDeadLetters, purgeLua as purge, releaseLua as release, replayDeadLettersLua as replayDeadLetters, rewriteRecordLua as rewriteRecord, scanRecordsLua as scanRecords, takeLua as take } from './lua/lua-sources.js';

/** One Lua script, registered on a client under a name that includes its hash. */
export interface LuaScript {
  /** e.g. mq_take_3f2a9c81d0e4: two library versions on one client never run each other's script. */
  readonly name: string;
  readonly source: string;
}

/** The shared prelude: src/lua/prelude.lua, then the idempotency window's definitions (src/lua/prelude-window.lua). */
const prelude = `${preludeLua}\n\n${preludeWindowLua}`;

/** A script's source: what it uses of the shared prelude (see lua-prelude.ts), then its own. */
export function script(operation: string, body: string): LuaScript {
  const source = withPrelude(prelude, body);
  const sha = createHash('sha1').update(source).digest('hex');
  return { name: `mq_${operation}_${sha.slice(0, 12)}`, source };
}

/** Every state transition of @mq/redis, one script each (src/lua/*.lua). */
export const LUA_SCRIPTS = {
  enqueue: script('enqueue', enqueue),
  /** An enqueue with deduplication keys (docs/deduplication.md). */
  enqueueKeyed: script('enqueue_keyed', enqueueKeyed),
  take: script('take', take),
  ack: script('ack', ack),
  /** ack.lua then take.lua in one call (see ack-take-source.ts). */
  ackTake: script('ack_take', ackTakeSource(ack, take)),
  release: script('release', release),
  deadLetter: script('dead_letter', deadLetter),
  checkWork: script('check_work', checkWork),
  count: script('count', count),
  purge: script('purge', purge),
  deleteQueue: script('delete_queue', deleteQueue),
  listDeadLetters: script('list_dead_letters', listDeadLetters),
  replayDeadLetters: script('replay_dead_letters', replayDeadLetters),
  purgeDeadLetters: script('purge_dead_letters', purgeDeadLetters),
  scanRecords: script('scan_records', scanRecords),
  rewriteRecord: script('rewrite_record', rewriteRecord),
} as const;
