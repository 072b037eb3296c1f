import { aesGcmEncryption, createMessageQueue, createPayloadPipeline, gzipCompression, isMqError, MessageQueue } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { storedMemoryRecords } from '@mq/memory/testing';
import { describe, expect, it } from 'vitest';

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const b64 = (n: number, bytes = 32): string => Buffer.from(new Uint8Array(bytes).fill(n)).toString('base64');
/** A key whose text must never show in an error message. */
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
const SHORT_SECRET = Buffer.from('0123456789abcdef').toString('base64');

function failure(fn: () => unknown): { message: string; field: unknown } {
  try {
    fn();
  } catch (error) {
    expect(isMqError(error, 'MQ_INVALID_CONFIG')).toBe(true);
    const e = error as Error & { details?: { field?: unknown } };
    expect(e.message).not.toContain(SECRET);
    expect(e.message).not.toContain(SHORT_SECRET);
    return { message: e.message, field: e.details?.field };
  }
  throw new Error('expected MQ_INVALID_CONFIG');
}

const env = (vars: Record<string, string>) => () => createMessageQueue({ provider: new InMemoryProvider(), env: vars });

describe('encryption and compression configuration: each mistake fails at once with its own MQ_INVALID_CONFIG, never printing a key', () => {
  it.each([
    ['a key of the wrong length', () => aesGcmEncryption({ keys: { a: new Uint8Array(16) }, activeKeyId: 'a' }), /key "a" is 16 bytes: AES-256-GCM needs exactly 32 bytes/],
    ['a base64 key of the wrong length', () => aesGcmEncryption({ keys: { a: SHORT_SECRET }, activeKeyId: 'a' }), /key "a" is 16 bytes/],
    ['a key that is not base64', () => aesGcmEncryption({ keys: { a: 'not base64!' }, activeKeyId: 'a' }), /key "a" is not valid base64/],
    ['a key of another type', () => aesGcmEncryption({ keys: { a: 42 as unknown as string }, activeKeyId: 'a' }), /key "a" is number/],
    ['an active id with no key', () => aesGcmEncryption({ keys: { a: key(1), b: key(2) }, activeKeyId: 'c' }), /activeKeyId "c": it must name one of the keys \(a, b\)/],
    ['no keys', () => aesGcmEncryption({ keys: {}, activeKeyId: 'a' }), /at least one key/],
    ['a key id with a separator', () => aesGcmEncryption({ keys: { 'a:b': key(1) }, activeKeyId: 'a:b' }), /Invalid encryption key id "a:b"/],
    ['no options', () => aesGcmEncryption(undefined as never), /Invalid aesGcmEncryption\(\) options/],
    ['MQ_ENCRYPTION_KEYS without a colon', env({ MQ_ENCRYPTION_KEYS: SECRET }), /MQ_ENCRYPTION_KEYS entry 1 is malformed/],
    ['MQ_ENCRYPTION_KEYS with an empty key', env({ MQ_ENCRYPTION_KEYS: `a:${SECRET},b:` }), /MQ_ENCRYPTION_KEYS entry 2 is malformed/],
    ['MQ_ENCRYPTION_KEYS naming an id twice', env({ MQ_ENCRYPTION_KEYS: `a:${SECRET},a:${b64(2)}` }), /names key id "a" twice/],
    ['MQ_ENCRYPTION_KEYS with a short key', env({ MQ_ENCRYPTION_KEYS: `a:${SECRET},old:${SHORT_SECRET}` }), /key "old" of MQ_ENCRYPTION_KEYS is 16 bytes/],
    ['MQ_COMPRESSION of an unknown kind', env({ MQ_COMPRESSION: 'brotli' }), /Invalid MQ_COMPRESSION "brotli": use "gzip" or "off"/],
    ['gzipCompression with a negative minBytes', () => gzipCompression({ minBytes: -1 }), /minBytes -1: use an integer from 0/],
    ['gzipCompression with a level out of range', () => gzipCompression({ level: 12 }), /level 12: use an integer from 1 to 9/],
    [
      'encryption together with a pipeline',
      () => new MessageQueue({ provider: new InMemoryProvider(), pipeline: createPayloadPipeline(), encryption: aesGcmEncryption({ keys: { a: key(1) }, activeKeyId: 'a' }) }),
      /Set options.encryption or options.pipeline, not both/,
    ],
    ['MQ_ENCRYPTION_KEYS together with a pipeline', () => createMessageQueue({ provider: new InMemoryProvider(), pipeline: createPayloadPipeline(), env: { MQ_ENCRYPTION_KEYS: `a:${SECRET}` } }), /MQ_ENCRYPTION_KEYS is set but options.pipeline is given/],
    ['a compression stage as encryption', () => new MessageQueue({ provider: new InMemoryProvider(), encryption: gzipCompression() }), /options.encryption must be an encryption stage/],
    ['an encryption stage as compression', () => new MessageQueue({ provider: new InMemoryProvider(), compression: aesGcmEncryption({ keys: { a: key(1) }, activeKeyId: 'a' }) }), /options.compression must be a compression stage/],
  ])('%s', (_title, fn, message) => {
    expect(failure(fn).message).toMatch(message);
  });
});

describe('MQ_ENCRYPTION_KEYS and MQ_COMPRESSION', () => {
  it('turn encryption (first key active) and compression on when the options are left out', async () => {
    const provider = new InMemoryProvider();
    const queue = createMessageQueue({ provider, env: { MQ_ENCRYPTION_KEYS: ` new:${b64(2)} , old:${b64(1)} `, MQ_COMPRESSION: 'GZIP' } });
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', { text: 'secret-Qm2'.repeat(200) }, { id: 'm', userId: 'user-Qm2' }));
    const [record] = storedMemoryRecords(provider, 'q');
    const text = Buffer.from(record?.data as Uint8Array).toString('latin1');
    expect(text).toContain('[["gzip",""],["aes-256-gcm","new"]]');
    expect(text).not.toContain('Qm2');
    expect((await queue.dequeue('q'))?.payload).toEqual({ text: 'secret-Qm2'.repeat(200) });
    await queue.disconnect();
  });

  it('are ignored when the options are given, and off / empty mean none', async () => {
    const provider = new InMemoryProvider();
    const queue = createMessageQueue({ provider, env: { MQ_ENCRYPTION_KEYS: '', MQ_COMPRESSION: 'off' } });
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', 'plain', { id: 'p' }));
    expect(storedMemoryRecords(provider, 'q')[0]?.data).toContain('"plain"');
    await queue.disconnect();
    const chosen = createMessageQueue({ provider: new InMemoryProvider(), encryption: aesGcmEncryption({ keys: { mine: key(3) }, activeKeyId: 'mine' }), env: { MQ_ENCRYPTION_KEYS: 'broken' } });
    expect(chosen).toBeInstanceOf(MessageQueue);
  });
});
