// Per-user rate limits for calls that cost CPU (validating and simulating documents): a
// bucket of `burst` calls per user that refills by one every `refillMs`; an empty bucket
// answers 429 with Retry-After. Kept in memory per process (each API process counts its
// own calls), on the injected clock so tests control it. Imports nothing: the app's
// environment holds a limiter, and the middleware that spends it is the route's
// (routes/definitions.ts).
export interface RateRule {
  /** Calls allowed at once. */
  burst: number;
  /** One more call every this many milliseconds. */
  refillMs: number;
}

/** Validating or simulating: 10 calls at once, then one every 2 s (30 a minute). */
export const DEFINITION_CHECKS: RateRule = { burst: 10, refillMs: 2_000 };

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes one call for `key` at `now`: undefined when allowed, else the milliseconds to wait. */
  take(key: string, now: Date): number | undefined;
}

export function createRateLimiter(rule: RateRule): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(key, now) {
      const t = now.getTime();
      const previous = buckets.get(key) ?? { tokens: rule.burst, at: t };
      const refilled = Math.min(rule.burst, previous.tokens + Math.max(0, t - previous.at) / rule.refillMs);
      if (refilled < 1) {
        buckets.set(key, { tokens: refilled, at: t });
        return Math.ceil((1 - refilled) * rule.refillMs);
      }
      buckets.set(key, { tokens: refilled - 1, at: t });
      // Full buckets carry no information: drop them now and then so the map stays small.
      if (buckets.size > 10_000) {
        for (const [k, b] of buckets) if (b.tokens + (t - b.at) / rule.refillMs >= rule.burst) buckets.delete(k);
      }
      return undefined;
    },
  };
}
