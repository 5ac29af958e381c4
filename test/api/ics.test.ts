// iCalendar text: folding at 75 octets without splitting a character, TEXT escaping, and
// the shape of a calendar with one event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, icsDateTime } from '../../api/ics';

describe('ICS text', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('leaves no line break of any kind in a TEXT value, so a title cannot add properties to an event', () => {
    const title = 'Projet\rURL:https://evil.example\r\nEND:VEVENT';
    expect(escapeText(title)).toBe('Projet\\nURL:https://evil.example\\nEND:VEVENT');
    const ics = buildCalendar('Échéances', [{ uid: 'u@passerelle', start: new Date('2026-11-24T09:30:00Z'), summary: title }], new Date('2026-11-24T09:00:00Z'));
    expect(ics.split('\r\n').filter((line) => line.startsWith('URL:'))).toEqual([]);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds any line into pieces of at most 75 octets that unfold to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const folded = foldLine(`SUMMARY:${text}`);
        for (const piece of folded.split('\r\n')) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${text}`);
      }),
    );
  });

  it('writes UTC date-times without separators', () => {
    expect(icsDateTime(new Date('2026-11-24T09:30:00.123Z'))).toBe('20261124T093000Z');
  });

  it('builds a calendar of CRLF lines with one VEVENT per event', () => {
    const ics = buildCalendar('Mes échéances', [{ uid: 'p.t:1@passerelle', start: new Date('2026-12-01T10:00:00Z'), summary: 'Échéance : revue, dossier' }], new Date('2026-11-24T00:00:00Z'));
    expect(ics.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Passerelle//Echeances//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      'X-WR-CALNAME:Mes échéances', 'BEGIN:VEVENT', 'UID:p.t:1@passerelle', 'DTSTAMP:20261124T000000Z',
      'DTSTART:20261201T100000Z', 'SUMMARY:Échéance : revue\\, dossier', 'END:VEVENT', 'END:VCALENDAR', '',
    ]);
  });
});
