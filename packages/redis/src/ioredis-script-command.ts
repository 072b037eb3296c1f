import { createHash } from 'node:crypto';
import { Command } from 'ioredis';
import type { DeadlinedCall } from './command-deadlines.js';
import type { CallTimeoutError } from './with-timeout.js';
import type { LuaScript } from './lua-scripts.js';

/** What ioredis' sendCommand takes (both Redis and Cluster). */
export interface CommandSender {
  sendCommand(command: Command): unknown;
}

/** One script's fixed RESP parts, and the sockets it is loaded on. */
interface ScriptFrame {
  /** `$7 evalsha $40 <sha>`, framed. */
  readonly evalshaHead: string;
  /** `$4 eval $n <source>`, framed: the first call on a socket loads the script this way. */
  readonly evalHead: string;
  /** Sockets that got this script's EVAL: later calls on them send EVALSHA. */
  readonly loadedOn: WeakSet<object>;
  readonly sha: string;
}

const frames = new WeakMap<LuaScript, ScriptFrame>();
/** numkeys and the keys, framed once per KEYS array (script-keys.ts builds each queue's once). */
const keyFrames = new WeakMap<readonly string[], string>();

function bulk(text: string): string {
  return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

function frameOf(script: LuaScript): ScriptFrame {
  let frame = frames.get(script);
  if (frame === undefined) {
    const sha = createHash('sha1').update(script.source).digest('hex');
    frame = { evalshaHead: `${bulk('evalsha')}${bulk(sha)}`, evalHead: `${bulk('eval')}${bulk(script.source)}`, loadedOn: new WeakSet(), sha };
    frames.set(script, frame);
  }
  return frame;
}

function keysFrameOf(keys: readonly string[]): string {
  let framed = keyFrames.get(keys);
  if (framed === undefined) {
    framed = bulk(String(keys.length));
    for (const key of keys) framed += bulk(key);
    keyFrames.set(keys, framed);
  }
  return framed;
}

/** ARGV framed per call as ioredis would (numbers as their String(), strings as UTF-8). */
function frameArgv(argv: readonly (string | number)[]): string {
  let framed = '';
  for (const value of argv) {
    if (typeof value === 'number') {
      const text = String(value);
      framed += `$${text.length}\r\n${text}\r\n`;
    } else {
      framed += `$${Buffer.byteLength(value)}\r\n${value}\r\n`;
    }
  }
  return framed;
}

/**
 * One script call written as a pre-framed RESP command (issue 20: building and writing a call
 * took 8-10 µs through defineCommand, most of it ioredis copying, checking and framing the 10-30
 * keys and the ARGV again each call; see docs/redis.md, "Command cost"). The KEYS part is framed
 * once per (script, KEYS array), the ARGV once per call, and toWritable joins them.
 *
 * ioredis sees `evalsha <sha> 1 <first key>`: a Cluster client routes a command by its first
 * key, and all keys of a queue share one hash tag, so that key's slot is the call's. The first
 * call on a socket sends EVAL (loading the script), later ones EVALSHA, as ioredis' own scripts
 * do; a NOSCRIPT reply (the server lost its scripts) forgets the socket and sends the call once
 * more, as EVAL. Not used with a client `keyPrefix` (ioredis would prefix only the first key):
 * ioredis-connection.ts keeps defineCommand for those.
 */
export class IoredisScriptCommand extends Command implements DeadlinedCall {
  deadlineAt = 0;
  private failed = false;
  private resent = false;
  private sentOn: object | undefined;
  private framedArgv: string | undefined;
  /** The reject ioredis set up, before any wrapping (cluster redirects wrap command.reject). */
  private readonly settle: (error: Error) => void;

  constructor(
    private readonly sender: CommandSender,
    private readonly frame: ScriptFrame,
    private readonly scriptKeys: readonly string[],
    private readonly scriptArgv: readonly (string | number)[],
  ) {
    super('evalsha', scriptKeys.length === 0 ? [frame.sha, 0] : [frame.sha, 1, scriptKeys[0] as string], { replyEncoding: 'utf8' });
    this.settle = this.reject;
    this.reject = (error: Error) => this.rejected(error);
  }

  get settled(): boolean {
    return this.isResolved || this.failed;
  }

  expire(error: CallTimeoutError): void {
    this.failed = true;
    this.settle(error);
  }

  override toWritable(socket: object): string {
    this.sentOn = socket;
    this.framedArgv ??= frameArgv(this.scriptArgv);
    const loaded = this.frame.loadedOn.has(socket);
    if (!loaded) this.frame.loadedOn.add(socket);
    const head = loaded ? this.frame.evalshaHead : this.frame.evalHead;
    return `*${3 + this.scriptKeys.length + this.scriptArgv.length}\r\n${head}${keysFrameOf(this.scriptKeys)}${this.framedArgv}`;
  }

  private rejected(error: Error): void {
    if (!this.failed && !this.resent && this.sentOn !== undefined && error.message.includes('NOSCRIPT')) {
      this.resent = true;
      this.frame.loadedOn.delete(this.sentOn);
      this.sender.sendCommand(this);
      return;
    }
    this.failed = true;
    this.settle(error);
  }
}

/** A call of `script` with all of `keys` in KEYS, ready for sendCommand. */
export function scriptCommand(sender: CommandSender, script: LuaScript, keys: readonly string[], argv: readonly (string | number)[]): IoredisScriptCommand {
  return new IoredisScriptCommand(sender, frameOf(script), keys, argv);
}
