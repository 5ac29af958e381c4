import { describe, expect, it } from 'vitest';
import { durationToWords, wordsToDuration } from '../../designer/src/graph/duration-words';

describe('durations in words', () => {
  it.each([
    ['30 jours', 'P30D'],
    ['2 mois', 'P2M'],
    ['1 an', 'P1Y'],
    ['3 semaines', 'P3W'],
    ['1 an et 2 mois', 'P1Y2M'],
    ['2 mois, 1 semaine et 3 jours', 'P2M1W3D'],
    ['48 heures', 'PT48H'],
    ['1 jour 2 heures 30 minutes', 'P1DT2H30M'],
    ['2 Mois', 'P2M'],
    ['15j', 'P15D'],
    ['P3M', 'P3M'],
  ])('reads « %s » as %s', (words, iso) => {
    expect(wordsToDuration(words)).toBe(iso);
  });

  it.each(['', 'bientôt', '0 jour', '2 mois 3 mois', '3 lunes', 'P0D', '2'])('refuses « %s »', (words) => {
    expect(wordsToDuration(words)).toBeNull();
  });

  it.each([
    ['P30D', '30 jours'],
    ['P1Y', '1 an'],
    ['P2M', '2 mois'],
    ['P1Y2M', '1 an et 2 mois'],
    ['P1W1D', '1 semaine et 1 jour'],
    ['P1DT2H30M', '1 jour, 2 heures et 30 minutes'],
  ])('writes %s as « %s », which reads back the same', (iso, words) => {
    expect(durationToWords(iso)).toBe(words);
    expect(wordsToDuration(words)).toBe(iso);
  });

  it('shows an invalid duration as it is', () => {
    expect(durationToWords('5 jours')).toBe('5 jours');
  });
});
