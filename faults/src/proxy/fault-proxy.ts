import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * pass: forward both ways. reset: destroy every connection (both sockets, with RST), and any new
 * one while the mode lasts. blackhole: keep sockets open and forward nothing (reads pause, so bytes
 * wait in the kernel as they would behind a dead link; they flow again when the mode ends).
 * latency: forward every chunk after `latencyMs`. refuse: answer new connections with RST.
 */
export type ProxyMode = 'pass' | 'reset' | 'blackhole' | 'latency' | 'refuse';

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

/** A TCP proxy on 127.0.0.1 in front of one target port, whose faults the test switches. */
export class FaultProxy {
  private modeNow: ProxyMode = 'pass';
  private readonly pairs = new Set<Pair>();
  /** Connections accepted since start. */
  accepted = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPort: number,
    readonly latencyMs: number,
  ) {}

  static start(targetPort: number, options: { latencyMs?: number } = {}): Promise<FaultProxy> {
    const server = createServer({ pauseOnConnect: true });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        const proxy = new FaultProxy(server, port, targetPort, options.latencyMs ?? 200);
        server.on('connection', (socket) => proxy.accept(socket));
        resolve(proxy);
      });
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get mode(): ProxyMode {
    return this.modeNow;
  }

  /** Open connections now. */
  get connections(): number {
    return this.pairs.size;
  }

  setMode(mode: ProxyMode): void {
    this.modeNow = mode;
    for (const pair of [...this.pairs]) {
      if (mode === 'reset') this.reset(pair);
      else if (mode === 'blackhole') this.pause(pair);
      else this.resume(pair);
    }
  }

  /** Stops listening and destroys every connection. */
  close(): Promise<void> {
    for (const pair of [...this.pairs]) this.reset(pair);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted++;
    if (this.modeNow === 'refuse' || this.modeNow === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort });
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const drop = (): void => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    this.forward(client, upstream);
    this.forward(upstream, client);
    if (this.modeNow === 'blackhole') this.pause(pair);
    else client.resume();
  }

  /** Copies `from` to `to`; while the mode is latency each chunk waits latencyMs, order kept. */
  private forward(from: Socket, to: Socket): void {
    const waiting: { at: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const drain = (): void => {
      timer = undefined;
      while (waiting.length > 0 && (waiting[0]?.at ?? 0) <= Date.now()) {
        const next = waiting.shift();
        if (next !== undefined && !to.destroyed) to.write(next.chunk);
      }
      const head = waiting[0];
      if (head !== undefined) timer = setTimeout(drain, head.at - Date.now());
    };
    from.on('data', (chunk: Buffer) => {
      if (this.modeNow !== 'latency' && waiting.length === 0) {
        to.write(chunk);
        return;
      }
      waiting.push({ at: Date.now() + (this.modeNow === 'latency' ? this.latencyMs : 0), chunk });
      timer ??= setTimeout(drain, (waiting[0]?.at ?? Date.now()) - Date.now());
    });
    from.once('close', () => clearTimeout(timer));
  }

  private pause(pair: Pair): void {
    pair.client.pause();
    pair.upstream.pause();
  }

  private resume(pair: Pair): void {
    pair.client.resume();
    pair.upstream.resume();
  }

  private reset(pair: Pair): void {
    this.pairs.delete(pair);
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (!pair.upstream.destroyed) pair.upstream.resetAndDestroy();
  }
}
