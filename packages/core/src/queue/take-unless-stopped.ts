import type { ReceivedMessage } from '../message/queue-message.js';

/**
 * A take that may wait long (a blocking take), unless `stopped` aborts first. Nothing can call such
 * a take off, so on abort this resolves at once with an empty batch, and `giveBack` gets whatever
 * the take brings later. A failure after the abort is nobody's to report: the subscription closed.
 */
export function takeUnlessStopped(
  taking: Promise<ReceivedMessage[]>,
  stopped: AbortSignal,
  giveBack: (late: ReceivedMessage[]) => Promise<void>,
): Promise<ReceivedMessage[]> {
  return new Promise<ReceivedMessage[]>((resolve, reject) => {
    const onStop = (): void => {
      resolve([]);
      void taking.then(giveBack, () => undefined);
    };
    stopped.addEventListener('abort', onStop, { once: true });
    taking.then(
      (batch) => {
        stopped.removeEventListener('abort', onStop);
        resolve(batch);
      },
      (error: unknown) => {
        stopped.removeEventListener('abort', onStop);
        reject(error);
      },
    );
  });
}
