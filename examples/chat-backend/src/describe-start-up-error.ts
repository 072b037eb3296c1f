import { isMqError } from '@mq/core';
import { ConfigError } from './config.js';

export interface StartUpErrorReport {
  /** One line for the operator: what is wrong and what to change. Never a secret. */
  line: string;
  /** Not a setting or a connection problem: a bug, whose stack is worth printing. */
  unexpected: boolean;
}

/**
 * Turns what made the start fail into the line main.ts prints after "refusing to start: ".
 * Settings (ConfigError), the queue's own errors (bad MESSAGE_QUEUE_PROVIDER or REDIS_URL, Redis
 * unreachable: @mq writes their messages for the caller and never puts a password in them) and
 * errors of listening (port in use, HOST not local) are expected: one line, no stack.
 */
export function describeStartUpError(error: unknown): StartUpErrorReport {
  if (error instanceof ConfigError) return { line: error.message, unexpected: false };
  if (isMqError(error)) return { line: `${error.message} (${error.code})`, unexpected: false };
  const listen = listenProblem(error);
  if (listen !== undefined) return { line: listen, unexpected: false };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { line: `unexpected error: ${text}`, unexpected: true };
}

/** Errors of http.Server.listen(), recognised by their documented system error codes. */
function listenProblem(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, syscall, port, address, hostname } = error as { code?: unknown; syscall?: unknown; port?: unknown; address?: unknown; hostname?: unknown };
  const where = typeof address === 'string' ? ` on ${address}` : '';
  switch (code) {
    case 'EADDRINUSE':
      return `port ${String(port)}${where} is already in use: stop what listens there, or set PORT to another port.`;
    case 'EACCES':
      return syscall === 'listen' ? `no permission to listen on port ${String(port)}${where}: set PORT to 1024 or above.` : undefined;
    case 'EADDRNOTAVAIL':
      return `HOST=${String(address)} is not an address of this machine: set HOST to one of its addresses, or leave it unset to listen on all.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return syscall === 'getaddrinfo' ? `HOST=${String(hostname)} does not resolve: set HOST to an address or a known host name, or leave it unset.` : undefined;
    default:
      return undefined;
  }
}
