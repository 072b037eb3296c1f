import { isMqError } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../src/redis-url.js';

describe('parseRedisUrl', () => {
  it('reads every form of REDIS_URL', () => {
    expect(parseRedisUrl('redis://localhost:6379')).toEqual({ mode: 'standalone', nodes: [{ host: 'localhost', port: 6379 }], db: 0, tls: false });
    expect(parseRedisUrl('redis://cache')).toMatchObject({ nodes: [{ host: 'cache', port: 6379 }] });
    expect(parseRedisUrl('redis://:s3cret@your-redis-server:6379')).toMatchObject({ password: 's3cret', nodes: [{ host: 'your-redis-server', port: 6379 }] });
    expect(parseRedisUrl('redis://app:p%40ss@h:6380/3')).toMatchObject({ username: 'app', password: 'p@ss', db: 3, nodes: [{ host: 'h', port: 6380 }] });
    expect(parseRedisUrl('rediss://secure.example:6380')).toMatchObject({ tls: true, nodes: [{ host: 'secure.example', port: 6380 }] });
    expect(parseRedisUrl('redis://[::1]:7000')).toMatchObject({ nodes: [{ host: '::1', port: 7000 }] });
    expect(parseRedisUrl('redis://node1:6379,redis://node2:6379, redis://node3:6379')).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'node1', port: 6379 },
        { host: 'node2', port: 6379 },
        { host: 'node3', port: 6379 },
      ],
      db: 0,
      tls: false,
    });
  });

  const malformed: [string, string][] = [
    ['', 'empty'],
    ['   ', 'blank'],
    ['localhost:6379', 'no scheme'],
    ['http://localhost:6379', 'wrong scheme'],
    ['redis://', 'no host'],
    ['redis://host:notaport', 'port not a number'],
    ['redis://host:70000', 'port out of range'],
    ['redis://host:6379/db1', 'database not a number'],
    ['redis://host:6379/1/2', 'path with two parts'],
    ['redis://host:6379?timeout=5', 'query string'],
    ['redis://a:6379,', 'trailing comma'],
    ['redis://a:6379,,redis://b:6379', 'empty cluster node'],
    ['redis://a:6379,rediss://b:6379', 'mixed TLS in a cluster'],
    ['redis://a:6379/1,redis://b:6379/1', 'database in a cluster'],
    ['redis://:one@a:6379,redis://:two@b:6379', 'different cluster passwords'],
  ];
  it.each(malformed)('rejects %j (%s) with MQ_INVALID_CONFIG naming the accepted forms', (url) => {
    let thrown: unknown;
    try {
      parseRedisUrl(url);
    } catch (error) {
      thrown = error;
    }
    expect(isMqError(thrown, 'MQ_INVALID_CONFIG')).toBe(true);
    expect((thrown as Error).message).toContain('redis://node1:6379,redis://node2:6379,redis://node3:6379');
    expect((thrown as Error).message).toContain('rediss://');
  });

  it('never echoes a password, even in a malformed URL', () => {
    for (const url of ['redis://:hunter2@host:notaport', 'redis://user:hunter2@host:6379/x', 'http://:hunter2@host', 'redis://:hunter2@a:1,redis://:hunter2@b:bad']) {
      expect(() => parseRedisUrl(url)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
    }
  });
});
