import type { ProviderDescription } from '@mq/core/provider';
import type { IoredisConnection, PrimaryNode } from './ioredis-connection.js';
import { isUnavailableError } from './to-mq-error.js';

/** The settings reported, as Redis names them. */
type Persistence = Partial<Record<'appendonly' | 'appendfsync', string>>;

/**
 * Reads the persistence in force on the server, or on each master of a cluster (the nodes that
 * acknowledge writes): `CONFIG GET append*` (one pattern: Redis 6.2 takes one per call). Where
 * CONFIG is disabled or renamed, as managed services often do, `INFO persistence` still tells
 * whether AOF is on (aof_enabled); appendfsync is then left out. Where neither answers, nothing
 * is reported. A cluster whose masters agree reports one value per setting; otherwise the value
 * names each node ("differs: always on 10.0.0.1:6379; everysec on 10.0.0.2:6379"), so a check for
 * "yes" or "always" fails unless every master has it. Rejects when a node cannot be reached.
 */
export async function describePersistence(connection: IoredisConnection): Promise<ProviderDescription> {
  const nodes = connection.primaries().sort((a, b) => (a.name < b.name ? -1 : 1));
  const read = await Promise.all(nodes.map(async (node) => ({ node: node.name, persistence: await readNode(node) })));
  if (read.every((r) => r.persistence === undefined)) return {};
  const persistence: Record<string, string> = {};
  for (const name of ['appendonly', 'appendfsync'] as const) {
    const values = read.map((r) => ({ node: r.node, value: r.persistence?.[name] }));
    if (values.some((v) => v.value !== undefined)) persistence[name] = merge(values);
  }
  return { persistence };
}

async function readNode(node: PrimaryNode): Promise<Persistence | undefined> {
  try {
    const pairs = toPairs(await node.send('CONFIG', ['GET', 'append*']));
    return { ...pick(pairs, 'appendonly'), ...pick(pairs, 'appendfsync') };
  } catch (error) {
    if (isUnavailableError(error)) throw error;
  }
  // CONFIG refused (unknown command, or NOPERM for this ACL user): INFO of the same node.
  try {
    const enabled = /^aof_enabled:(\d)/m.exec(String(await node.send('INFO', ['persistence'])))?.[1];
    return enabled === undefined ? undefined : { appendonly: enabled === '1' ? 'yes' : 'no' };
  } catch (error) {
    if (isUnavailableError(error)) throw error;
    return undefined;
  }
}

/** CONFIG GET answers [name, value, …] (RESP2) or a map (RESP3). */
function toPairs(reply: unknown): Map<string, string> {
  if (Array.isArray(reply)) {
    const pairs = new Map<string, string>();
    for (let i = 0; i + 1 < reply.length; i += 2) pairs.set(String(reply[i]), String(reply[i + 1]));
    return pairs;
  }
  if (reply instanceof Map) return new Map([...reply].map(([k, v]) => [String(k), String(v)]));
  if (typeof reply === 'object' && reply !== null) return new Map(Object.entries(reply).map(([k, v]) => [k, String(v)]));
  return new Map();
}

function pick(pairs: Map<string, string>, name: keyof Persistence): Persistence {
  const value = pairs.get(name);
  return value === undefined ? {} : { [name]: value };
}

/** One value when every node has it; else "differs: v1 on a, b; v2 on c" ("unknown" where a node did not tell). */
function merge(values: readonly { node: string; value: string | undefined }[]): string {
  const byValue = new Map<string, string[]>();
  for (const { node, value } of values) byValue.set(value ?? 'unknown', [...(byValue.get(value ?? 'unknown') ?? []), node]);
  if (byValue.size === 1) return [...byValue.keys()][0] as string;
  return `differs: ${[...byValue].map(([value, nodes]) => `${value} on ${nodes.join(', ')}`).join('; ')}`;
}
