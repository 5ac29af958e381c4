import { describe, expect, it } from 'vitest';
import {
  MAX_INSTANT,
  addDuration,
  formatParis,
  fromParisWallClock,
  nominalMs,
  parisMidnight,
  parisOffset,
  parisWallClock,
  parseDuration,
  subtractDuration,
  toIsoString,
} from '../../dsl/durations';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseDuration', () => {
  it('reads every part in order', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7,
    });
  });

  it('tells months from minutes by the T', () => {
    expect(parseDuration('P1M')).toMatchObject({ months: 1, minutes: 0 });
    expect(parseDuration('PT1M')).toMatchObject({ months: 0, minutes: 1 });
  });

  it('accepts zero parts beside a non-zero one', () => {
    expect(parseDuration('P0DT1H')).toMatchObject({ days: 0, hours: 1 });
  });

  it('takes numbers of up to nine digits and refuses a tenth, leading zeros included', () => {
    expect(parseDuration('P999999999D')).toMatchObject({ days: 999_999_999 });
    expect(parseDuration('P000000001Y')).toMatchObject({ years: 1 });
    expect(parseDuration('PT999999999S')).toMatchObject({ seconds: 999_999_999 });
    for (const text of ['P1000000000D', 'P0000000001D', 'PT1234567890S', 'P1Y1234567890M', 'P1DT9999999999H']) {
      expect(parseDuration(text)).toBeNull();
    }
  });

  it.each(['', 'P', 'PT', 'P1DT', 'P1.5D', 'P1,5D', '-P1D', 'p1d', 'P1H', 'P0D', 'PT0S', 'P0Y0M',
    'P1M1Y', 'PT1S1M', ' P1D', 'P1D ', 'P1DT1H1D', 'P1D1D', '1D', 'P99999999999999999999D'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});

describe('nominalMs', () => {
  it('counts a year as 365 days, a month as 30, a week as 7 and a day as 24 hours', () => {
    expect(nominalMs('P1Y')).toBe(365 * DAY);
    expect(nominalMs('P1M')).toBe(30 * DAY);
    expect(nominalMs('P1W1D')).toBe(8 * DAY);
    expect(nominalMs('PT1H30M15S')).toBe(HOUR + 30 * 60_000 + 15_000);
  });

  it('makes P1M and P30D the same length, so a P1M reminder is not shorter than a P30D due', () => {
    expect(nominalMs('P1M')).toBe(nominalMs('P30D'));
  });

  it('throws on a string that is not a duration', () => {
    expect(() => nominalMs('P')).toThrow(new Error('durée invalide : "P"'));
  });
});

describe('adding months', () => {
  it('clamps 31 January plus one month to the last day of February', () => {
    // 10:00 Paris (CET) on both sides.
    expect(iso(addDuration(at('2027-01-31T09:00:00Z'), 'P1M'))).toBe('2027-02-28T09:00:00.000Z');
  });

  it('clamps to 29 February in a leap year', () => {
    expect(iso(addDuration(at('2028-01-31T09:00:00Z'), 'P1M'))).toBe('2028-02-29T09:00:00.000Z');
  });

  it('takes 29 February 2028 plus one year to 28 February 2029', () => {
    expect(iso(addDuration(at('2028-02-29T09:00:00Z'), 'P1Y'))).toBe('2029-02-28T09:00:00.000Z');
  });

  it('adds months before days: 31 January plus P1M1D is 1 March', () => {
    expect(iso(addDuration(at('2027-01-31T09:00:00Z'), 'P1M1D'))).toBe('2027-03-01T09:00:00.000Z');
  });

  it('keeps the Paris wall-clock time across a DST change (10:00 CET → 10:00 CEST)', () => {
    expect(iso(addDuration(at('2027-03-15T09:00:00Z'), 'P1M'))).toBe('2027-04-15T08:00:00.000Z');
  });

  it('carries months over the year: 30 November plus P3M is 29 February 2028', () => {
    expect(iso(addDuration(at('2027-11-30T09:00:00Z'), 'P3M'))).toBe('2028-02-29T09:00:00.000Z');
  });

  it('uses the Paris date, not the UTC one: 31 January 00:30 Paris is still 30 January in UTC', () => {
    // 2027-01-31 00:30 Paris = 2027-01-30 23:30 UTC; plus a month is 2027-02-28 00:30 Paris.
    expect(iso(addDuration(at('2027-01-30T23:30:00Z'), 'P1M'))).toBe('2027-02-27T23:30:00.000Z');
  });
});

describe('adding days across the 2027 DST changes', () => {
  it('makes P1D 23 hours across the spring-forward night of 28 March 2027', () => {
    const from = at('2027-03-27T11:00:00Z'); // 12:00 CET
    const to = addDuration(from, 'P1D');
    expect(to - from).toBe(23 * HOUR);
    expect(formatParis(to)).toBe('2027-03-28 12:00 (Paris)');
  });

  it('makes P1D 25 hours across the fall-back night of 31 October 2027', () => {
    const from = at('2027-10-30T10:00:00Z'); // 12:00 CEST
    const to = addDuration(from, 'P1D');
    expect(to - from).toBe(25 * HOUR);
    expect(formatParis(to)).toBe('2027-10-31 12:00 (Paris)');
  });

  it('makes P1W 7 days minus an hour across spring-forward', () => {
    const from = at('2027-03-25T09:00:00Z');
    expect(addDuration(from, 'P1W') - from).toBe(7 * DAY - HOUR);
  });

  it('keeps PT24H at exactly 24 hours elapsed, whatever the day', () => {
    for (const start of ['2027-03-27T11:00:00Z', '2027-10-30T10:00:00Z', '2027-06-01T10:00:00Z']) {
      expect(addDuration(at(start), 'PT24H') - at(start)).toBe(24 * HOUR);
    }
    expect(formatParis(addDuration(at('2027-03-27T11:00:00Z'), 'PT24H'))).toBe('2027-03-28 13:00 (Paris)');
  });

  it('moves a time in the spring gap forward by the gap: 02:30 becomes 03:30 CEST', () => {
    const to = addDuration(at('2027-03-27T01:30:00Z'), 'P1D'); // from 02:30 CET
    expect(iso(to)).toBe('2027-03-28T01:30:00.000Z');
    expect(formatParis(to)).toBe('2027-03-28 03:30 (Paris)');
  });

  it('takes the earlier (CEST) instant for a time that exists twice in autumn', () => {
    const to = addDuration(at('2027-10-30T00:30:00Z'), 'P1D'); // from 02:30 CEST
    expect(iso(to)).toBe('2027-10-31T00:30:00.000Z');
    expect(parisOffset(to)).toBe(2 * HOUR);
  });

  it('adds hours after days, as elapsed time', () => {
    // 27 March 12:00 CET + 1 day = 28 March 12:00 CEST, + 1 hour = 13:00 CEST.
    expect(iso(addDuration(at('2027-03-27T11:00:00Z'), 'P1DT1H'))).toBe('2027-03-28T11:00:00.000Z');
  });

  it('does not move an instant in the second 02:xx of October when the duration has no calendar part', () => {
    const second = at('2027-10-31T01:30:00Z'); // 02:30 CET, the later of the two
    expect(iso(addDuration(second, 'PT1H'))).toBe('2027-10-31T02:30:00.000Z');
    expect(iso(addDuration(second, 'PT1M'))).toBe('2027-10-31T01:31:00.000Z');
  });

  it('accepts a Duration object as well as a string', () => {
    const d = parseDuration('P1D')!;
    expect(addDuration(at('2027-03-27T11:00:00Z'), d)).toBe(addDuration(at('2027-03-27T11:00:00Z'), 'P1D'));
  });

  it('throws on a string that is not a duration', () => {
    expect(() => addDuration(0, 'P1H')).toThrow(new Error('durée invalide : "P1H"'));
    expect(() => subtractDuration(0, '')).toThrow(new Error('durée invalide : ""'));
  });
});

describe('durations longer than a date can hold', () => {
  it('land on the last instant a date can hold, which still prints, instead of an invalid one', () => {
    const start = at('2027-01-04T08:00:00Z');
    expect(addDuration(start, 'P300000Y')).toBe(MAX_INSTANT);
    expect(toIsoString(addDuration(start, 'P999999999D'))).toBe('+275760-09-13T00:00:00.000Z');
    expect(addDuration(start, 'P999999999Y999999999M999999999W999999999DT999999999H')).toBe(MAX_INSTANT);
    expect(subtractDuration(start, 'P999999999Y')).toBe(-MAX_INSTANT);
    expect(subtractDuration(start, 'P300000Y')).toBe(-MAX_INSTANT);
    // Ordinary long durations are untouched.
    expect(toIsoString(addDuration(start, 'P100Y'))).toBe('2127-01-04T08:00:00.000Z');
  });
});

describe('subtracting', () => {
  it('goes back a calendar day, 47 hours for P2D back across spring-forward', () => {
    const due = at('2027-03-29T07:00:00Z'); // 09:00 CEST
    const reminder = subtractDuration(due, 'P2D');
    expect(formatParis(reminder)).toBe('2027-03-27 09:00 (Paris)');
    expect(due - reminder).toBe(47 * HOUR);
  });

  it('goes back 25 hours for P1D across fall-back', () => {
    const due = at('2027-10-31T11:00:00Z'); // 12:00 CET
    expect(due - subtractDuration(due, 'P1D')).toBe(25 * HOUR);
  });

  it('clamps the day when going back a month: 31 March minus P1M is 28 February', () => {
    expect(formatParis(subtractDuration(at('2027-03-31T07:00:00Z'), 'P1M'))).toBe('2027-02-28 09:00 (Paris)');
  });

  it('goes back months before days: 31 March minus P1M1D is 27 February', () => {
    expect(formatParis(subtractDuration(at('2027-03-31T07:00:00Z'), 'P1M1D'))).toBe('2027-02-27 09:00 (Paris)');
  });

  it('subtracts hours as elapsed time after the calendar part', () => {
    // 28 March 12:00 CEST − 1 day = 27 March 12:00 CET, − 13 hours = 26 March 23:00 CET.
    expect(formatParis(subtractDuration(at('2027-03-28T10:00:00Z'), 'P1DT13H'))).toBe('2027-03-26 23:00 (Paris)');
  });

  it('moves a time landing in the spring gap forward when going back', () => {
    // 29 March 02:30 CEST − 1 day = 28 March 02:30, which does not exist → 03:30 CEST.
    expect(formatParis(subtractDuration(at('2027-03-29T00:30:00Z'), 'P1D'))).toBe('2027-03-28 03:30 (Paris)');
  });

  it('undoes a PT duration exactly', () => {
    const t = at('2027-10-31T01:30:00Z');
    expect(subtractDuration(addDuration(t, 'PT90M'), 'PT90M')).toBe(t);
  });
});

describe('Paris time zone', () => {
  it('agrees with the ICU Europe/Paris rules every hour from 2026 to 2028', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris', hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    const icu = (ms: number) => {
      const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (Paris)`;
    };
    const mismatches: string[] = [];
    for (let t = at('2026-01-01T00:00:00Z'); t < at('2029-01-01T00:00:00Z'); t += HOUR) {
      if (formatParis(t) !== icu(t)) mismatches.push(`${iso(t)}: ${formatParis(t)} ≠ ${icu(t)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('round-trips a wall-clock reading outside the DST changes', () => {
    const t = at('2027-07-14T08:15:42.123Z');
    expect(fromParisWallClock(parisWallClock(t))).toBe(t);
    expect(parisWallClock(t)).toEqual({ year: 2027, month: 7, day: 14, hour: 10, minute: 15, second: 42, millisecond: 123 });
  });

  it('puts midnight of a summer date at 22:00 UTC the day before', () => {
    expect(iso(parisMidnight('2027-07-14'))).toBe('2027-07-13T22:00:00.000Z');
  });

  it('puts midnight of a winter date at 23:00 UTC the day before', () => {
    expect(iso(parisMidnight('2027-01-15'))).toBe('2027-01-14T23:00:00.000Z');
  });

  it('puts midnight of the DST days on the offset in force at midnight', () => {
    expect(iso(parisMidnight('2027-03-28'))).toBe('2027-03-27T23:00:00.000Z');
    expect(iso(parisMidnight('2027-10-31'))).toBe('2027-10-30T22:00:00.000Z');
  });

  it('refuses a date that does not exist', () => {
    expect(() => parisMidnight('2027-02-29')).toThrow(new Error('date invalide : "2027-02-29"'));
    expect(() => parisMidnight('2027-13-01')).toThrow(new Error('date invalide : "2027-13-01"'));
    expect(() => parisMidnight('27-01-01')).toThrow(new Error('date invalide : "27-01-01"'));
    expect(parisMidnight('2028-02-29')).toBe(at('2028-02-28T23:00:00Z'));
  });
});

describe('display', () => {
  it('formats an instant as Paris wall-clock time', () => {
    expect(formatParis(at('2027-03-31T12:05:00Z'))).toBe('2027-03-31 14:05 (Paris)');
    expect(formatParis(at('2027-12-31T23:30:00Z'))).toBe('2028-01-01 00:30 (Paris)');
  });

  it('shows seconds only when there are some', () => {
    expect(formatParis(at('2027-03-31T12:05:07Z'))).toBe('2027-03-31 14:05:07 (Paris)');
  });

  it('writes UTC ISO strings', () => {
    expect(toIsoString(at('2027-03-31T12:05:00Z'))).toBe('2027-03-31T12:05:00.000Z');
  });
});
