// iCalendar text of the feed: CRLF lines folded at 75 octets without splitting a character,
// TEXT escaping (a title or a name cannot add properties), stable UIDs, UTC date-times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText } from '../../api/ics';

const now = new Date('2026-11-24T09:00:00Z');
const one = (summary: string, extra: { description?: string; url?: string } = {}) =>
  buildCalendar('Échéances', [{ uid: 'p.t:1@passerelle', start: new Date('2026-11-24T09:30:00Z'), summary, ...extra }], now);
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('ICS text', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    expect(unfold(one('a;b,c\\d\ne', { description: 'x\r\ny' }))).toContain('SUMMARY:a\\;b\\,c\\\\d\\ne\r\nDESCRIPTION:x\\ny\r\n');
  });

  it('leaves no line break of any kind in a TEXT value, so a title or a name cannot add properties to an event', () => {
    const title = 'Projet\rURL:https://evil.example\r\nEND:VEVENT';
    const ics = buildCalendar(`Camille\nURL:https://evil.example`, [{ uid: 'u@passerelle', start: new Date('2026-11-24T09:30:00Z'), summary: title }], now);
    expect(ics.split('\r\n').filter((line) => line.startsWith('URL'))).toEqual([]);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfold(ics)).toContain('X-WR-CALNAME:Camille\\nURL:https://evil.example\r\n');
  });

  it('folds every line into pieces of at most 75 octets that unfold to the original, never splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }).filter((s) => !/[\\;,\r\n]/.test(s)), (text) => {
        const ics = one(text);
        for (const piece of ics.split('\r\n')) {
          expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
          expect(piece).not.toContain('\uFFFD');
        }
        expect(unfold(ics)).toContain(`\r\nSUMMARY:${text}\r\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('builds a calendar of CRLF-ended lines with one VEVENT per event, its UID as given', () => {
    const ics = buildCalendar(
      'Mes échéances',
      [
        { uid: 'p.t:1@passerelle', start: new Date('2026-12-01T10:00:00.123Z'), summary: 'Échéance : revue, dossier', url: 'https://passerelle.example/projects/p/tasks/t:1' },
        { uid: 'p.t:2@passerelle', start: new Date('2026-12-02T10:00:00Z'), summary: 'Deuxième' },
      ],
      new Date('2026-11-24T00:00:00Z'),
    );
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).toEqual(expect.arrayContaining(['PRODID:-//Passerelle//Echeances//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Mes échéances']));
    const events = unfold(ics).split('BEGIN:VEVENT\r\n').slice(1).map((e) => e.split('\r\n'));
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual(
      expect.arrayContaining([
        'UID:p.t:1@passerelle',
        'DTSTAMP:20261124T000000Z',
        'DTSTART:20261201T100000Z',
        'SUMMARY:Échéance : revue\\, dossier',
        expect.stringMatching(/^URL(;VALUE=URI)?:https:\/\/passerelle\.example\/projects\/p\/tasks\/t:1$/),
        'END:VEVENT',
      ]),
    );
    expect(events[1]).toContain('UID:p.t:2@passerelle');
  });

  it('gives the same text for the same events at the same instant (stable UIDs, nothing random)', () => {
    expect(one('Revue')).toBe(one('Revue'));
  });
});
