// The count of unfinished work that holds a project's end and its continue-as-new.
import { describe, expect, it } from 'vitest';
import { createWorkInFlight } from '../../workflows/work-in-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('work in flight', () => {
  it('is idle with nothing started', () => {
    expect(createWorkInFlight().idle()).toBe(true);
  });

  it('stays busy until every tracked promise has settled, resolved or rejected', async () => {
    const work = createWorkInFlight();
    const first = deferred<number>();
    const second = deferred<number>();
    const one = work.track(first.promise);
    const two = work.track(second.promise);
    expect(work.idle()).toBe(false);
    first.resolve(1);
    expect(await one).toBe(1);
    expect(work.idle()).toBe(false);
    second.reject(new Error('SMTP'));
    await expect(two).rejects.toThrow('SMTP');
    expect(work.idle()).toBe(true);
  });
});
