import { RateLimiter } from '../../../../functions/cost/sources/rate-limiter';

/** A clock that only moves when the limiter sleeps: tests see exact times, and take none. */
function virtualClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

/** Most starts inside any window [t, t + 1000). */
function busiestSecond(starts: readonly number[]): number {
  return Math.max(0, ...starts.map((t) => starts.filter((s) => s >= t && s < t + 1000).length));
}

describe('RateLimiter', () => {
  it('lets the first 10 calls start at once and holds the 11th until a second after the first', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 10, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 11; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(starts[10]).toBe(1000);
  });

  it('never starts more than the limit in any one-second window, over many calls', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 10, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 35; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(busiestSecond(starts)).toBe(10);
    expect(starts.at(-1)).toBe(3000);
  });

  it('hands out turns in call order when calls wait together', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 2, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(clock.now()).toBe(2000);
  });

  it('does not wait when calls are already spaced out', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerSecond: 1, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    await clock.sleep(1500);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([1500]);
  });

  it('refuses a rate that is not a whole number of at least 1', () => {
    expect(() => new RateLimiter({ requestsPerSecond: 0 })).toThrow('requestsPerSecond must be a whole number of at least 1, got 0');
    expect(() => new RateLimiter({ requestsPerSecond: 2.5 })).toThrow('got 2.5');
  });
});
