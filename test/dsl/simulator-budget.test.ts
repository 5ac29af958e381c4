import { describe, expect, it } from 'vitest';
import { simulate } from '../../dsl/simulator';
import { reviewLoop } from '../support/definitions';
import { T0 } from './fixtures';

describe('the simulator’s budget', () => {
  it('stops with result limit, keeping the events so far, when shouldStop says so', () => {
    const full = simulate({ definition: reviewLoop(), start: T0, shouldStop: () => false });
    expect(full.result).toBe('completed');
    let asked = 0;
    const run = simulate({ definition: reviewLoop(), start: T0, shouldStop: () => ++asked > 1 });
    expect(run.result).toBe('limit');
    expect(run.end).toBeNull();
    expect(asked).toBe(2);
    expect(run.events.length).toBeGreaterThan(0);
    expect(run.events).toEqual(full.events.slice(0, run.events.length));
    expect(run.events.length).toBeLessThan(full.events.length);
  });
});
