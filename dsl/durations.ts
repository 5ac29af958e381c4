// ISO 8601 durations and Europe/Paris calendar arithmetic (spec section 5), plus the few
// date helpers the rest of dsl/ needs (date-only midnights, display). Pure and deterministic:
// it runs inside Temporal's workflow sandbox, so no I/O, no clock, and no dependency on the
// ICU time-zone data. Imports nothing.
//
// Hand-written on purpose, not a date library: a project's workflow is replayed from its
// history for 12 to 18 months, and every due date, reminder and timer must come out the
// same at each replay. Libraries (Temporal polyfills, Luxon, date-fns-tz) read the zone
// rules from the ICU data Node ships, which changes with Node versions; a rule fixed here
// cannot move under a running project.
//
// Paris follows the EU rule (since 1996): CET = UTC+1, CEST = UTC+2 from the last Sunday of
// March 01:00 UTC to the last Sunday of October 01:00 UTC. Instants before 1996 get the same
// rule applied, which is wrong historically but irrelevant to running processes.

export type Duration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

/** A Paris wall-clock reading; `month` is 1–12. */
export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Spec 5: whole numbers of at most nine digits (leading zeros count), so every part and
// every sum made of them stays exact in a double.
const DURATION_PATTERN =
  /^P(?:(\d{1,9})Y)?(?:(\d{1,9})M)?(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:T(?=\d)(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?$/;

/**
 * Parses `P[nY][nM][nW][nD][T[nH][nM][nS]]` with whole numbers of at most nine digits; null
 * when the text is not such a duration, has no part, or is zero. The `(?=\d)` after `T`
 * refuses a bare `T`.
 */
export function parseDuration(text: string): Duration | null {
  if (typeof text !== 'string') return null;
  const m = DURATION_PATTERN.exec(text);
  if (!m) return null;
  const parts = m.slice(1, 8);
  if (parts.every((p) => p === undefined)) return null;
  const n = parts.map((p) => (p === undefined ? 0 : Number(p)));
  if (n.every((v) => v === 0)) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = n;
  return { years, months, weeks, days, hours, minutes, seconds };
}

function toDuration(d: Duration | string): Duration {
  if (typeof d !== 'string') return d;
  const parsed = parseDuration(d);
  if (!parsed) throw new Error(`durée invalide : ${JSON.stringify(d)}`);
  return parsed;
}

/** Nominal length (Y = 365 d, M = 30 d, W = 7 d, D = 24 h), only for comparing durations. */
export function nominalMs(d: Duration | string): number {
  const x = toDuration(d);
  return (
    (x.years * 365 + x.months * 30 + x.weeks * 7 + x.days) * DAY +
    x.hours * HOUR +
    x.minutes * MINUTE +
    x.seconds * SECOND
  );
}

/**
 * The last instant a JavaScript date can hold (year 275760). Nine digits allow P999999999Y,
 * so P300000Y is valid; it lands here, where a timer simply never comes,
 * rather than on an instant nothing can print or compare.
 */
export const MAX_INSTANT = 8.64e15;

const clampInstant = (at: number): number => Math.max(-MAX_INSTANT, Math.min(MAX_INSTANT, at));

export function addDuration(at: number, d: Duration | string): number {
  return clampInstant(shift(at, toDuration(d), 1));
}

export function subtractDuration(at: number, d: Duration | string): number {
  return clampInstant(shift(at, toDuration(d), -1));
}

function shift(at: number, d: Duration, sign: 1 | -1): number {
  const months = 12 * d.years + d.months;
  const days = 7 * d.weeks + d.days;
  let t = at;
  // Only go through the wall clock when there is a calendar part: resolving a wall-clock
  // time picks the earlier instant of a repeated hour, which would move an instant in the
  // second 02:xx of an October night for a pure PT… duration.
  if (months !== 0 || days !== 0) {
    const w = parisWallClock(at);
    const monthIndex = w.year * 12 + (w.month - 1) + sign * months;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12 + 1;
    // Months first, clamping the day, then days; the time of day is resolved once at the
    // end so that a gap on an intermediate date cannot shift it.
    const day = Math.min(w.day, daysInMonth(year, month));
    const date = civilFromDays(daysFromCivil(year, month, day) + sign * days);
    t = fromParisWallClock({ ...w, ...date });
  }
  return t + sign * (d.hours * HOUR + d.minutes * MINUTE + d.seconds * SECOND);
}

// ---- calendar ---------------------------------------------------------------------------

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Hinnant's days_from_civil / civil_from_days: exact for every year, unlike Date.UTC, which
// maps years 0–99 to 1900–1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function utcFromFields(w: WallClock): number {
  return (
    daysFromCivil(w.year, w.month, w.day) * DAY +
    w.hour * HOUR +
    w.minute * MINUTE +
    w.second * SECOND +
    w.millisecond
  );
}

function fieldsFromUtc(ms: number): WallClock {
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const hour = Math.floor(rest / HOUR);
  rest -= hour * HOUR;
  const minute = Math.floor(rest / MINUTE);
  rest -= minute * MINUTE;
  const second = Math.floor(rest / SECOND);
  return { ...civilFromDays(days), hour, minute, second, millisecond: rest - second * SECOND };
}

// ---- Europe/Paris -------------------------------------------------------------------------

/** The instant (01:00 UTC) of the last Sunday of `month` in `year`. */
function lastSundayAt1Utc(year: number, month: number): number {
  const last = daysFromCivil(year, month, 31);
  // Day 0 (1970-01-01) was a Thursday: weekday 4 with Sunday = 0.
  const weekday = (((last + 4) % 7) + 7) % 7;
  return (last - weekday) * DAY + HOUR;
}

/** Paris's offset from UTC at an instant, in ms (1 h in winter, 2 h in summer). */
export function parisOffset(at: number): number {
  // DST changes are far from New Year, so the UTC year is the Paris year here.
  const year = fieldsFromUtc(at).year;
  return at >= lastSundayAt1Utc(year, 3) && at < lastSundayAt1Utc(year, 10) ? 2 * HOUR : HOUR;
}

export function parisWallClock(at: number): WallClock {
  return fieldsFromUtc(at + parisOffset(at));
}

/**
 * The instant a Paris wall-clock reading denotes. A time repeated in autumn takes the
 * earlier (CEST) instant; a time skipped in spring moves forward by the gap (02:30 → 03:30),
 * which is what reading it with the winter offset gives.
 */
export function fromParisWallClock(w: WallClock): number {
  const local = utcFromFields(w);
  const summer = local - 2 * HOUR;
  return parisOffset(summer) === 2 * HOUR ? summer : local - HOUR;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 Europe/Paris on a `YYYY-MM-DD` date (for `until` timers). Throws on a bad date. */
export function parisMidnight(date: string): number {
  const m = ISO_DATE.exec(date);
  const year = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  const day = m ? Number(m[3]) : NaN;
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`date invalide : ${JSON.stringify(date)}`);
  }
  return fromParisWallClock({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2027-03-31 14:05 (Paris)`; seconds are shown only when not zero. */
export function formatParis(at: number): string {
  const w = parisWallClock(at);
  const seconds = w.second !== 0 ? `:${pad(w.second)}` : '';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${seconds} (Paris)`;
}

/** UTC ISO 8601, `2027-03-31T12:05:00.000Z`. */
export function toIsoString(at: number): string {
  return new Date(at).toISOString();
}
