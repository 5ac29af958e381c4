// iCalendar (RFC 5545) text for the calendar feed: one VEVENT per due date, written by
// ical-generator (line folding at 75 octets without splitting a character, TEXT escaping,
// UTC date-times). Pure. Two things it leaves to us, kept here with their reason: it writes
// the calendar's name as given, so we escape it (it holds the user's name: a line break in
// it must not add a property); and it ends the last line without CRLF, which RFC 5545
// requires of every content line.
import ical, { ICalCalendarMethod } from 'ical-generator';

export interface CalendarEvent {
  /** Stable across feeds, so calendar apps update the event instead of duplicating it. */
  uid: string;
  start: Date;
  summary: string;
  description?: string;
  url?: string;
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma, and any line break as `\n`. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

export function buildCalendar(name: string, events: CalendarEvent[], now: Date): string {
  const calendar = ical({
    name: escapeText(name),
    prodId: { company: 'Passerelle', product: 'Echeances', language: 'FR' },
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      start: event.start,
      stamp: now,
      summary: event.summary,
      description: event.description,
      url: event.url,
    });
  }
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
