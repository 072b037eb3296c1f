import { it } from 'vitest';
import type { CapabilityNeeds } from '../capability-needs.js';
import type { ContractHarness } from '../contract-harness.js';
import type { QueueProvider, RecordData } from '@mq/core/provider';

/** 32 bytes for a test key: `n` in every byte. */
export const testKey = (n: number): Uint8Array => new Uint8Array(32).fill(n);

/** The ready records of a queue's data as stored, by id: taken through the provider, then given back unharmed (attempt refunded). */
export async function peekStored(provider: QueueProvider, queueName: string): Promise<Map<string, RecordData>> {
  const taken = await provider.doTake(queueName, { max: 1000, leaseMs: 60_000 });
  for (const record of taken) await provider.doRelease(queueName, { id: record.id, leaseToken: record.leaseToken }, { delayMs: 0, refundAttempt: true });
  return new Map(taken.map((record) => [record.id, record.data]));
}

/** Takes one stored record out of the queue (acked away) and returns its data as stored. */
export async function removeStored(provider: QueueProvider, queueName: string, id: string): Promise<RecordData> {
  const taken = await provider.doTake(queueName, { max: 1000, leaseMs: 60_000 });
  let data: RecordData | undefined;
  for (const record of taken) {
    const lease = { id: record.id, leaseToken: record.leaseToken };
    if (record.id === id) {
      data = record.data;
      await provider.doAck(queueName, lease, 0);
    } else {
      await provider.doRelease(queueName, lease, { delayMs: 0, refundAttempt: true });
    }
  }
  if (data === undefined) throw new Error(`no ready record "${id}" in queue "${queueName}"`);
  return data;
}

/** A stored envelope v2 split into its header text and its body bytes (a text record's body is base64). */
export interface SplitData {
  readonly header: string;
  readonly body: Uint8Array;
  readonly text: boolean;
}

export function splitData(data: RecordData): SplitData {
  if (typeof data === 'string') {
    const at = data.indexOf('\n');
    return { header: data.slice(0, at), body: new Uint8Array(Buffer.from(data.slice(at + 1), 'base64')), text: true };
  }
  const at = data.indexOf(10);
  return { header: new TextDecoder().decode(data.subarray(0, at)), body: data.slice(at + 1), text: false };
}

export function joinData({ header, body, text }: SplitData): RecordData {
  if (text) return `${header}\n${Buffer.from(body).toString('base64')}`;
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(head.length + 1 + body.length);
  out.set(head);
  out[head.length] = 10;
  out.set(body, head.length + 1);
  return out;
}

/** The stages a stored record's header names, as [name, params] (empty for envelope v1). */
export function storedStages(data: RecordData): [string, string][] {
  const header = JSON.parse(splitData(data).header) as unknown[];
  return header[0] === 2 ? (header[7] as [string, string][]) : [];
}

/** Stored size in bytes (text as UTF-8). */
export function storedBytes(data: RecordData): number {
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
}

/**
 * A case that reads or writes records through the provider directly: it runs where the core's
 * queue is the store's queue (native priorities; else its records sit in the core's per-level queues).
 */
export function storeIt(h: ContractHarness, title: string, needs: CapabilityNeeds, fn: () => Promise<void>): void {
  if (h.declared.priorities === 'native') h.it(title, needs, fn);
  // Skipped, reason: with emulated priorities the records are in the core's per-level store queues, not the queue this case reads (the title says so).
  else it.skip(`${title} (not run: the store has no priorities, so records sit in the core's priority-level queues)`, fn);
}
