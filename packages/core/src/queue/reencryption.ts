import { unsupportedError } from '../capabilities/unsupported-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import { validateQueueName } from '../message/validate.js';
import type { EncryptionStage } from '../pipeline/aes-gcm-encryption.js';
import { storedKeyId } from '../pipeline/stored-key-id.js';
import type { RecordData } from '../provider/queue-provider.js';
import type { ScanState } from '../provider/record-scan.js';
import type { ProviderGateway } from './provider-gateway.js';

/** What one reencrypt() run did (docs/encryption.md, "Rotating keys"). */
export interface ReencryptResult {
  /** Records rewritten under the active key (waiting, delayed or dead; plaintext ones encrypted). */
  readonly rewritten: number;
  /** Records already under the active key, left as they were. */
  readonly current: number;
  /** Records that were taken or changed between reading and rewriting: left for the next run. */
  readonly skipped: number;
  /** Ids of records this queue cannot decode (unknown key, tampered, corrupt): left as they are. */
  readonly undecodable: readonly string[];
  /** Records in flight (leased) when the run ended: left to their lease holders, rewritten by a later run if they come back. */
  readonly inFlight: number;
}

const STATES: readonly ScanState[] = ['ready', 'delayed', 'dead'];
const PAGE = 100;

/**
 * queue.reencrypt(): walks a queue's waiting, delayed and dead records through the provider's
 * browse seam and rewrites each one not under the active key, by compare-and-set, so a record that
 * a consumer takes meanwhile is never overwritten (it is skipped, and stays readable: its old key
 * is still configured). Retries and replays never pass through here: they keep their ciphertext.
 */
export class Reencryption {
  constructor(
    private readonly gateway: ProviderGateway,
    private readonly serializer: MessageSerializer,
    private readonly encryption: EncryptionStage | undefined,
  ) {}

  async run(queueName: string): Promise<ReencryptResult> {
    validateQueueName(queueName);
    const { session } = this.gateway;
    const provider = session.requireOpen('reencrypt');
    if (!session.capabilities.scanRecords) {
      throw unsupportedError(provider.name, 'scanRecords', 'browse and rewrite stored records', 'reencrypt() needs a provider that declares it (@mq/memory and @mq/redis do); nothing was changed.');
    }
    if (this.encryption === undefined) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'reencrypt() needs a queue configured with encryption (options.encryption, MQ_ENCRYPTION_KEYS or aesGcmEncryption() in the pipeline).', { field: 'encryption' });
    }
    const active = this.encryption.activeKeyId;
    const binary = session.capabilities.binaryData;
    const seen = new Set<string>();
    const undecodable: string[] = [];
    let rewritten = 0;
    let current = 0;
    let skipped = 0;
    for (const state of STATES) {
      let cursor = '';
      do {
        const page = await this.gateway.scanRecords(queueName, { state, cursor, limit: PAGE });
        for (const { id, data } of page.records) {
          // A walk may return a record twice (Redis HSCAN), or again in another state.
          if (seen.has(id)) continue;
          seen.add(id);
          if (storedKeyId(data) === active) {
            current++;
            continue;
          }
          const resealed = await this.reseal(queueName, id, data, binary);
          if (resealed === undefined) undecodable.push(id);
          else if (await this.gateway.rewriteRecord(queueName, id, data, resealed)) rewritten++;
          else skipped++;
        }
        cursor = page.nextCursor;
      } while (cursor !== '');
    }
    const { processing } = await this.gateway.count(queueName, 'reencrypt');
    return { rewritten, current, skipped, undecodable, inFlight: processing };
  }

  private async reseal(queueName: string, id: string, data: RecordData, binary: boolean): Promise<RecordData | undefined> {
    try {
      return await this.serializer.reseal(queueName, id, data, binary);
    } catch {
      return undefined;
    }
  }
}
