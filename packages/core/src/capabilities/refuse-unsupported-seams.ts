import type { QueueMessage } from '../message/queue-message.js';
import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import { unsupportedError } from './unsupported-error.js';

/** What the seam checks need of a queue's provider session. */
export interface SeamSession {
  readonly capabilities: ProviderCapabilities;
  /** The provider while open; throws MQ_NOT_CONNECTED / MQ_CLOSED otherwise. */
  requireOpen(operation: string): QueueProvider;
}

/**
 * Refuses, before anything is stored, a message whose seam fields the provider cannot honour
 * (capabilities.deduplication, capabilities.groups). The producer calls this only for a message
 * that has one, so a plain message costs nothing here.
 */
export function refuseUnsupportedSeams(session: SeamSession, message: QueueMessage): void {
  const { name } = session.requireOpen('enqueue');
  if (message.deduplication !== undefined && !session.capabilities.deduplication) {
    throw unsupportedError(name, 'deduplication', 'hold deduplication keys', 'leave deduplication out of createMessage(); nothing was enqueued.');
  }
  if (message.groupId !== undefined && !session.capabilities.groups) {
    throw unsupportedError(name, 'groups', 'schedule messages by group', 'leave groupId out of createMessage(); nothing was enqueued.');
  }
}

/** Refuses subscribe(q, h, { groupConcurrency }) on a provider without groups. */
export function refuseGroupConcurrency(session: SeamSession, groupConcurrency: number | undefined): void {
  if (groupConcurrency === undefined) return;
  if (!session.capabilities.groups) {
    throw unsupportedError(session.requireOpen('subscribe').name, 'groups', 'limit the messages of a group in flight', 'leave groupConcurrency out of subscribe().');
  }
}
