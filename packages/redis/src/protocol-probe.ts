import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { RedisNodeAddress } from './redis-url.js';

/**
 * What one look at a server's port showed: nothing listens, the name does not resolve, it
 * answers plain Redis (RESP), it completes a TLS handshake, or none of these within the bound.
 */
export type ProbeResult = 'refused' | 'dns-failure' | 'plain-redis' | 'tls' | 'no-answer';

/**
 * Opens one TCP connection to `node` and asks the question the failed connect left open: for a
 * rediss:// target, does the server answer a plain `PING`; for a redis:// one, does it complete a
 * TLS handshake? Used only after a connect failed without a reason from Redis itself; never
 * sends credentials; gives up after `timeoutMs`.
 */
export function probeProtocol(node: RedisNodeAddress, expectTls: boolean, timeoutMs: number): Promise<ProbeResult> {
  return new Promise<ProbeResult>((resolve) => {
    let socket: Socket | undefined;
    const finish = (result: ProbeResult): void => {
      clearTimeout(timer);
      socket?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish('no-answer'), timeoutMs);
    const onError = (error: NodeJS.ErrnoException): void => finish(tcpFailure(error.code));
    if (expectTls) {
      // RESP replies start with "+" (PONG) or "-" (an error such as NOAUTH): a plain Redis.
      socket = connectTcp({ host: node.host, port: node.port }, () => socket?.write('PING\r\n'));
      socket.once('data', (chunk: Buffer) => finish(chunk[0] === 0x2b || chunk[0] === 0x2d ? 'plain-redis' : 'no-answer'));
    } else {
      // A TLS socket of its own (destroying a plain socket under a TLS one crashes Node 20).
      socket = connectTls({ host: node.host, port: node.port, rejectUnauthorized: false }, () => finish('tls'));
    }
    socket.on('error', onError);
  });
}

function tcpFailure(code: string | undefined): ProbeResult {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code !== undefined && DNS_CODES.has(code)) return 'dns-failure';
  return 'no-answer';
}

/** getaddrinfo failures: the name does not resolve (or the resolver cannot be reached). */
export const DNS_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
