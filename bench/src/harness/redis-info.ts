import { Redis } from 'ioredis';

/** A monitoring connection that reads INFO sections (not counted as the contender's work). */
export class RedisInfo {
  private readonly client: Redis;

  constructor(port: number) {
    this.client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async section(name: string): Promise<Map<string, string>> {
    const text = await this.client.info(name);
    const fields = new Map<string, string>();
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
    }
    return fields;
  }

  /** CPU time Redis has used (user + sys), in ms. */
  async cpuMs(): Promise<number> {
    const cpu = await this.section('cpu');
    return (Number(cpu.get('used_cpu_user')) + Number(cpu.get('used_cpu_sys'))) * 1000;
  }

  async usedMemoryBytes(): Promise<number> {
    return Number((await this.section('memory')).get('used_memory'));
  }

  /** Calls per command since the last reset, leaving out the monitor's own INFO and CONFIG calls. */
  async commandCalls(): Promise<Map<string, number>> {
    const stats = await this.section('commandstats');
    const calls = new Map<string, number>();
    for (const [key, value] of stats) {
      const command = key.replace(/^cmdstat_/, '');
      if (command === 'info' || command.startsWith('config')) continue;
      calls.set(command, Number(/calls=(\d+)/.exec(value)?.[1] ?? 0));
    }
    return calls;
  }

  async resetStats(): Promise<void> {
    await this.client.config('RESETSTAT');
  }

  async flushAll(): Promise<void> {
    await this.client.flushall('SYNC');
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}
