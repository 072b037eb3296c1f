import { createMessageQueue, isMqError, listRegisteredProviders, ManualClock, registerProvider } from '@mq/core';
import type { ProviderFactory, ProviderFactoryInput } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A factory that records what createMessageQueue() passed it. Names are unique per test: the registry is process-wide. */
function recordingFactory(name: string): { factory: ProviderFactory; inputs: ProviderFactoryInput[] } {
  const inputs: ProviderFactoryInput[] = [];
  const factory: ProviderFactory = {
    name,
    env: [{ name: 'MINE_SETTING', description: 'what mine reads' }],
    create: (input) => {
      inputs.push(input);
      return new InMemoryProvider(input.clock === undefined ? {} : { clock: input.clock });
    },
  };
  return { factory, inputs };
}

describe('registerProvider()', () => {
  it('lets MESSAGE_QUEUE_PROVIDER choose a user provider, which gets env, clock and providerOptions', async () => {
    const { factory, inputs } = recordingFactory('registry-mine');
    registerProvider(factory);
    const clock = new ManualClock();
    const env = { MESSAGE_QUEUE_PROVIDER: ' Registry-Mine ', MINE_SETTING: 'x' };
    const queue = createMessageQueue({ env, clock, providerOptions: { region: 'eu' } });
    expect(queue.providerName).toBe('registry-mine');
    expect(inputs).toEqual([]);
    await queue.connect();
    expect(inputs).toEqual([{ env, clock, options: { region: 'eu' } }]);
    await queue.enqueue('q', queue.createMessage('t', 1, { delayMs: 10 }));
    await clock.advance(10);
    expect((await queue.dequeue('q'))?.payload).toBe(1);
    await queue.disconnect();
  });

  it('lists registered names, and keeps the registry where every copy of @mq/core finds it', () => {
    const { factory } = recordingFactory('registry-listed');
    registerProvider(factory);
    expect(listRegisteredProviders()).toContain('registry-listed');
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('@mq/core.providers')] as Map<string, ProviderFactory>;
    expect(shared.get('registry-listed')).toBe(factory);
  });

  it('accepts the same factory twice and refuses another one under a taken name', () => {
    const { factory } = recordingFactory('registry-taken');
    registerProvider(factory);
    registerProvider(factory);
    const other = recordingFactory('registry-taken').factory;
    expect(() => registerProvider(other)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('"registry-taken"') }));
  });

  it('refuses a malformed factory, naming the field', () => {
    const good = recordingFactory('registry-shape').factory;
    for (const [bad, field] of [
      [null, 'factory'],
      [{ ...good, name: 'Has Spaces' }, 'name'],
      [{ ...good, name: 'x'.repeat(65) }, 'name'],
      [{ ...good, create: 'nope' }, 'create'],
      [{ ...good, env: undefined }, 'env'],
      [{ ...good, env: [{ name: 'X' }] }, 'env'],
      [{ ...good, installHint: 3 }, 'installHint'],
    ] as const) {
      expect(() => registerProvider(bad as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', details: expect.objectContaining({ field }) }));
    }
  });

  it('forwards the deprecated redisUrl as providerOptions.url, uninterpreted', async () => {
    const { factory, inputs } = recordingFactory('registry-url');
    registerProvider(factory);
    const queue = createMessageQueue({ provider: 'registry-url', redisUrl: 'anything://at-all', env: {} });
    await queue.connect();
    expect(inputs[0]?.options).toEqual({ url: 'anything://at-all' });
    await queue.disconnect();
    expect(() => createMessageQueue({ provider: 'registry-url', redisUrl: 'a', providerOptions: { url: 'b' } })).toThrow(
      expect.objectContaining({ code: 'MQ_INVALID_CONFIG', details: expect.objectContaining({ field: 'redisUrl' }) }),
    );
  });
});

describe('resolving a provider name', () => {
  it('validates the name at once: 1–64 characters from a-z 0-9 -', () => {
    for (const value of ['a b', 'x'.repeat(65), '@mq/redis', '../memory', 'mem_ory']) {
      expect(() => createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: value } })).toThrow(
        expect.objectContaining({ code: 'MQ_INVALID_CONFIG', details: expect.objectContaining({ field: 'MESSAGE_QUEUE_PROVIDER' }) }),
      );
    }
    expect(() => createMessageQueue({ provider: 3 as never })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG', details: expect.objectContaining({ field: 'options.provider' }) }));
    expect(() => createMessageQueue({ provider: 'memory', providerOptions: [] as never })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
  });

  it('fails connect() for an unknown provider, listing what is available and how to install', async () => {
    const { factory } = recordingFactory('registry-available');
    registerProvider(factory);
    const queue = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'kafka' } });
    expect(queue.providerName).toBe('kafka');
    const error: unknown = await queue.connect().catch((e: unknown) => e);
    expect(isMqError(error, 'MQ_PROVIDER_NOT_INSTALLED')).toBe(true);
    const { message, details } = error as Error & { details: { available: string[] } };
    expect(message).toMatch(/^MESSAGE_QUEUE_PROVIDER=kafka: /);
    expect(message).toContain('npm install @mq/kafka');
    expect(message).toContain('registerProvider()');
    // Registered names, and the @mq/* packages that resolve from here and export mqProvider (@mq/core does not).
    expect(details.available).toEqual(expect.arrayContaining(['memory', 'registry-available']));
    expect(details.available).not.toContain('core');
    expect(message).toMatch(/Available here: .*"memory" \(default\)/);
    expect(message).toContain('"registry-available"');
  });

  it('lists and loads a provider package found only from the application\'s folder', async () => {
    const app = mkdtempSync(join(tmpdir(), 'mq-app-'));
    const dir = join(app, 'node_modules', '@mq', 'fake-listed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@mq/fake-listed', version: '0.0.0', type: 'module', exports: './index.js' }));
    writeFileSync(join(dir, 'index.js'), "export const mqProvider = { name: 'fake-listed', env: [], create: () => globalThis.__mqFakeListedProvider };\n");
    const saved = process.cwd();
    process.chdir(app);
    try {
      const error: unknown = await createMessageQueue({ provider: 'not-here', env: {} }).connect().catch((e: unknown) => e);
      expect((error as { details: { available: string[] } }).details.available).toContain('fake-listed');
      const provider = new InMemoryProvider();
      (globalThis as Record<string, unknown>).__mqFakeListedProvider = provider;
      const queue = createMessageQueue({ provider: 'fake-listed', env: {} });
      await queue.connect();
      expect(listRegisteredProviders()).toContain('fake-listed');
      await queue.enqueue('q', queue.createMessage('t', 1));
      expect(await provider.doCount('q')).toMatchObject({ ready: 1 });
      await queue.disconnect();
    } finally {
      process.chdir(saved);
      delete (globalThis as Record<string, unknown>).__mqFakeListedProvider;
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('refuses an installed @mq package that exports no mqProvider', async () => {
    const queue = createMessageQueue({ provider: 'core', env: {} });
    const error: unknown = await queue.connect().catch((e: unknown) => e);
    expect(isMqError(error, 'MQ_INVALID_CONFIG')).toBe(true);
    expect((error as Error).message).toMatch(/@mq\/core .*mqProvider/);
  });

  it('loads @mq/memory by its name and registers its factory', async () => {
    const queue = createMessageQueue({ provider: 'MEMORY', env: {} });
    await queue.connect();
    expect(listRegisteredProviders()).toContain('memory');
    expect(await queue.health()).toMatchObject({ healthy: true, provider: 'memory' });
    await queue.disconnect();
  });
});
