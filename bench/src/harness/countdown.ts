/** Resolves once `tick()` was called `target` times; rejects after `timeoutMs`. */
export class Countdown {
  private count = 0;
  private resolveDone: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly target: number,
    timeoutMs: number,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.count} of ${target} messages arrived within ${timeoutMs} ms`)), timeoutMs);
      this.resolveDone = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (target <= 0) this.resolveDone?.();
  }

  get value(): number {
    return this.count;
  }

  tick(): void {
    this.count++;
    if (this.count === this.target) this.resolveDone?.();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
