import { MqError } from '../errors/mq-error.js';
import type { ErrorInfo } from '../message/queue-message.js';

/** Turns anything thrown into an Error. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (MqError.isInstance(value)) return value;
  return new Error(typeof value === 'string' ? value : `Non-error thrown: ${safeString(value)}`);
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function errorInfoOf(error: Error): ErrorInfo {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message.slice(0, 2000),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

const STACK_LINES = 20;
const STACK_CHARS = 4000;

/** What is stored of an error (a retry's last error, a dead letter's): its info and the start of its stack. */
export function encodeErrorInfo(error: Error): string {
  const stack = typeof error.stack === 'string' ? error.stack.split('\n', STACK_LINES).join('\n').slice(0, STACK_CHARS) : undefined;
  return JSON.stringify({ ...errorInfoOf(error), ...(stack === undefined || stack === '' ? {} : { stack }) });
}

export function decodeErrorInfo(text: string | undefined): ErrorInfo | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as ErrorInfo;
    return {
      name: String(parsed.name),
      message: String(parsed.message),
      ...(parsed.code === undefined ? {} : { code: String(parsed.code) }),
      ...(typeof parsed.stack === 'string' ? { stack: parsed.stack } : {}),
    };
  } catch {
    return { name: 'Error', message: text };
  }
}

/** Rebuilds an Error from stored facts (for events about stored messages). */
export function errorFromInfo(info: ErrorInfo): Error {
  const error = new Error(info.message);
  error.name = info.name;
  if (info.code !== undefined) (error as Error & { code: string }).code = info.code;
  return error;
}
