// Durations in words: « 30 jours », « 2 mois », « 1 an et 2 semaines » ↔ ISO 8601 (P30D, P2M,
// P1Y2W), so nobody types ISO. Parsing accepts singular or plural, abbreviations and either
// order; the written form lists the parts largest first. Pure; uses dsl/'s parser.
import { parseDuration, type Duration } from '../../../dsl/durations';

type Part = keyof Duration;
const ORDER: Part[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];
const WORDS: Record<Part, [string, string]> = {
  years: ['an', 'ans'],
  months: ['mois', 'mois'],
  weeks: ['semaine', 'semaines'],
  days: ['jour', 'jours'],
  hours: ['heure', 'heures'],
  minutes: ['minute', 'minutes'],
  seconds: ['seconde', 'secondes'],
};
const UNITS: [RegExp, Part][] = [
  [/^(ans?|années?|annees?|y)$/, 'years'],
  [/^(mois|m)$/, 'months'],
  [/^(semaines?|sem|w)$/, 'weeks'],
  [/^(jours?|j|d)$/, 'days'],
  [/^(heures?|h)$/, 'hours'],
  [/^(minutes?|min)$/, 'minutes'],
  [/^(secondes?|s)$/, 'seconds'],
];

/** « 1 an et 2 mois » for P1Y2M; the text itself when it is not a valid duration. */
export function durationToWords(iso: string): string {
  const d = parseDuration(iso);
  if (!d) return iso;
  const parts = ORDER.filter((p) => d[p] > 0).map((p) => `${d[p]} ${WORDS[p][d[p] === 1 ? 0 : 1]}`);
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** P2M for « 2 mois »; an ISO text passes through; null when the words say no duration. */
export function wordsToDuration(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (/^p/i.test(t)) return parseDuration(t.toUpperCase()) ? t.toUpperCase() : null;
  const found: Partial<Duration> = {};
  const re = /(\d+)\s*([a-zéè]+)/g;
  let rest = t;
  for (const m of t.matchAll(re)) {
    const unit = UNITS.find(([pattern]) => pattern.test(m[2]))?.[1];
    if (!unit || found[unit] !== undefined) return null;
    found[unit] = Number(m[1]);
    rest = rest.replace(m[0], '');
  }
  if (rest.replace(/\b(et)\b|[,\s]/g, '') !== '' || Object.keys(found).length === 0) return null;
  const d = (p: Part) => (found[p] ? `${found[p]}${p === 'years' ? 'Y' : p === 'months' ? 'M' : p === 'weeks' ? 'W' : p === 'days' ? 'D' : p === 'hours' ? 'H' : p === 'minutes' ? 'M' : 'S'}` : '');
  const date = d('years') + d('months') + d('weeks') + d('days');
  const time = d('hours') + d('minutes') + d('seconds');
  const iso = `P${date}${time ? `T${time}` : ''}`;
  return parseDuration(iso) ? iso : null;
}
