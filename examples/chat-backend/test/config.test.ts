import { describe, expect, test } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

describe('readConfig', () => {
  test('defaults: port 5001, development, management open', () => {
    expect(readConfig({})).toMatchObject({ port: 5001, development: true, adminToken: undefined, socketTokenSecret: undefined, enqueueRatePerMinute: 120 });
  });

  test('PORT overrides the port', () => {
    expect(readConfig({ PORT: '8080' }).port).toBe(8080);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  test('refuses to start open in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/QUEUE_ADMIN_TOKEN/);
    expect(() => readConfig({ NODE_ENV: 'production', QUEUE_ADMIN_TOKEN: 't' })).toThrow(/SOCKET_TOKEN_SECRET/);
    expect(() => readConfig({ NODE_ENV: 'staging', SOCKET_TOKEN_SECRET: 's' })).toThrow(/QUEUE_ADMIN_TOKEN/);
    expect(readConfig({ NODE_ENV: 'production', QUEUE_ADMIN_TOKEN: 't', SOCKET_TOKEN_SECRET: 's' })).toMatchObject({ development: false, adminToken: 't' });
  });
});
