import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, formatDate, formatDateTime, formatDue, formatSince } from '../../designer/src/format/dates';

describe('dates as people read them (Europe/Paris)', () => {
  it('writes a date as "12 mars 2027", a calendar day as itself whatever the zone', () => {
    expect(formatDate('2027-03-12T10:00:00Z')).toBe('12 mars 2027');
    expect(formatDate('2027-03-12')).toBe('12 mars 2027');
    // 23:30 UTC on the 31st is already the 1st in Paris.
    expect(formatDate('2027-12-31T23:30:00Z')).toBe('1 janvier 2028');
    expect(formatDateTime('2027-03-12T08:05:00Z')).toBe('12 mars 2027 à 09:05');
  });

  it('counts calendar days in Paris, not 24-hour spans', () => {
    const now = new Date('2027-03-12T22:30:00Z'); // 23:30 in Paris
    expect(calendarDaysBetween(now, '2027-03-12T23:30:00Z')).toBe(1); // 00:30 the next day
  });

  it('says how far a due date is: dans 3 jours, demain, en retard de 2 jours', () => {
    const now = new Date('2027-03-12T09:00:00Z');
    expect(formatDue(now, '2027-03-15T09:00:00Z')).toBe('dans 3 jours');
    expect(formatDue(now, '2027-03-13T09:00:00Z')).toBe('demain');
    expect(formatDue(now, '2027-03-12T18:00:00Z')).toBe('aujourd’hui');
    expect(formatDue(now, '2027-03-10T09:00:00Z')).toBe('en retard de 2 jours');
    expect(formatDue(now, '2027-03-11T09:00:00Z')).toBe('en retard de 1 jour');
    expect(formatDue(now, '2027-03-12T08:00:00Z')).toBe('en retard depuis aujourd’hui');
    expect(formatDue(now, '2027-06-12T09:00:00Z')).toBe('dans 3 mois');
  });

  it('says how long something has waited', () => {
    const now = new Date('2027-03-12T09:00:00Z');
    expect(formatSince(now, '2027-03-12T07:00:00Z')).toBe('depuis aujourd’hui');
    expect(formatSince(now, '2027-03-11T07:00:00Z')).toBe('depuis hier');
    expect(formatSince(now, '2027-03-08T07:00:00Z')).toBe('depuis 4 jours');
    expect(formatSince(now, '2026-12-12T07:00:00Z')).toBe('depuis 3 mois');
  });
});
