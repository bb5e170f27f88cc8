/**
 * Keeps calls to an API under a documented request rate: at most `requestsPerSecond` calls start in
 * any one-second window. Clock and sleep are injectable, so tests run on a virtual clock.
 */

/** How a rate limiter tells and waits for time. */
export interface RateLimiterOptions {
  /** Most calls started in any 1,000 ms window. */
  readonly requestsPerSecond: number;
  /** Current time in ms. @default Date.now */
  readonly now?: () => number;
  /** Waits `ms` milliseconds. @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 1000;

/** Spaces calls so no more than `requestsPerSecond` start within any second. */
export class RateLimiter {
  readonly requestsPerSecond: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Start times of the most recent calls, oldest first, at most `requestsPerSecond` of them. */
  private readonly starts: number[] = [];
  /** Settles when the previous caller's turn has been granted: turns are handed out in call order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.requestsPerSecond) || options.requestsPerSecond < 1) {
      throw new RangeError(`requestsPerSecond must be a whole number of at least 1, got ${options.requestsPerSecond}`);
    }
    this.requestsPerSecond = options.requestsPerSecond;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits `ms` on the limiter's clock, e.g. to back off after the service throttled a call. */
  pause(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  /** Resolves when a call may start, and counts it as started. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn;
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (this.starts.length < this.requestsPerSecond) {
        this.starts.push(now);
        return;
      }
      const oldest = this.starts[0];
      if (now - oldest >= WINDOW_MS) {
        this.starts.shift();
        this.starts.push(now);
        return;
      }
      await this.sleep(oldest + WINDOW_MS - now);
    }
  }
}
