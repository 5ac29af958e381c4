// The one way a test waits for something that happens a moment later (a step written to the
// read model, a timer fired, an e-mail received): `waitFor(check)` runs `check` every 100 ms
// until it returns without throwing, and resolves with what it returned. Write the condition
// as expectations inside `check`: on timeout the test fails with the last unmet one, which
// says what was awaited and what was seen. Never a fixed sleep, never a wall-clock limit.
import { vi } from 'vitest';

export function waitFor<T>(check: () => T | Promise<T>, timeout = 20_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 100 });
}

/** `waitFor` for a check that answers rather than asserts: waits until it returns a truthy value. */
export function waitUntil<T>(check: () => Promise<T | undefined | false>, timeout = 20_000, what = 'condition'): Promise<T> {
  return waitFor(async () => {
    const value = await check();
    if (value === undefined || value === false) throw new Error(`still waiting for ${what}`);
    return value;
  }, timeout);
}
