// Dates and durations as people read them in French, always in Europe/Paris whatever the
// browser's zone: "12 mars 2027", "dans 3 jours", "en retard de 2 jours", "depuis 4 jours".
// Pure: the current instant is passed in.

const ZONE = 'Europe/Paris';
const DAY_MS = 86_400_000;

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: ZONE,
});
const shortFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: ZONE });
const dayKey = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: ZONE });

const toDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** "12 mars 2027". A plain `YYYY-MM-DD` is a calendar day, not an instant: read as such. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateFormat.format(new Date(`${value}T12:00:00Z`));
  return dateFormat.format(toDate(value));
}

/** "12 mars 2027 à 09:00". */
export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(toDate(value));
}

/** "12 mars" (short, for dense tables and charts). */
export function formatShortDate(value: string | Date): string {
  return shortFormat.format(toDate(value));
}

/** Whole calendar days in Paris from `now` to `value` (negative when past). */
export function calendarDaysBetween(now: Date, value: string | Date): number {
  const [a, b] = [dayKey.format(now), dayKey.format(toDate(value))];
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

const days = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;

/** Time left before a due instant: "aujourd’hui", "demain", "dans 3 jours", "en retard de 2 jours". */
export function formatDue(now: Date, due: string | Date): string {
  const d = toDate(due);
  const delta = calendarDaysBetween(now, d);
  if (d.getTime() < now.getTime()) {
    return delta >= 0 ? 'en retard depuis aujourd’hui' : `en retard de ${days(-delta)}`;
  }
  if (delta === 0) return 'aujourd’hui';
  if (delta === 1) return 'demain';
  if (delta < 60) return `dans ${days(delta)}`;
  const months = Math.round(delta / 30.44);
  return `dans ${months} mois`;
}

/** How long something has waited: "depuis aujourd’hui", "depuis 4 jours", "depuis 2 mois". */
export function formatSince(now: Date, since: string | Date): string {
  const delta = -calendarDaysBetween(now, since);
  if (delta <= 0) return 'depuis aujourd’hui';
  if (delta === 1) return 'depuis hier';
  if (delta < 60) return `depuis ${days(delta)}`;
  return `depuis ${Math.round(delta / 30.44)} mois`;
}
