import { describe, expect, it } from 'vitest';
import type { Variable } from '../../dsl/schema';
import { checkValue, isIsoDate } from '../../dsl/values';

const v = (type: Variable['type'], options?: string[]): Variable => ({ name: 'x', type, ...(options ? { options } : {}) });

describe('isIsoDate', () => {
  it('accepts real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2027-03-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('takes years 0001 to 9999 only', () => {
    expect(isIsoDate('0001-01-01')).toBe(true);
    expect(isIsoDate('9999-12-31')).toBe(true);
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0000-02-29')).toBe(false);
  });

  it.each(['2027-02-29', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '2027-1-5',
    '2027-01-05T00:00', ' 2027-01-05', '20270105', ''])('refuses %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('checkValue', () => {
  it('accepts any string for string and text, and nothing else', () => {
    expect(checkValue(v('string'), '')).toBeNull();
    expect(checkValue(v('text'), 'ligne 1\nligne 2')).toBeNull();
    expect(checkValue(v('string'), 12)).toBe('attendu : une chaîne de caractères');
    expect(checkValue(v('text'), null)).toBe('attendu : un texte');
  });

  it('wants a whole finite number for integer', () => {
    expect(checkValue(v('integer'), 12)).toBeNull();
    expect(checkValue(v('integer'), -3)).toBeNull();
    expect(checkValue(v('integer'), 1.5)).toBe('attendu : un nombre entier');
    expect(checkValue(v('integer'), '12')).toBe('attendu : un nombre entier');
    expect(checkValue(v('integer'), Infinity)).toBe('attendu : un nombre entier');
    expect(checkValue(v('integer'), NaN)).toBe('attendu : un nombre entier');
  });

  it('wants a finite number for number, never a numeric string', () => {
    expect(checkValue(v('number'), 1.5)).toBeNull();
    expect(checkValue(v('number'), 0)).toBeNull();
    expect(checkValue(v('number'), '1.5')).toBe('attendu : un nombre');
    expect(checkValue(v('number'), NaN)).toBe('attendu : un nombre');
    expect(checkValue(v('number'), -Infinity)).toBe('attendu : un nombre');
  });

  it('wants true or false for boolean, not their strings', () => {
    expect(checkValue(v('boolean'), false)).toBeNull();
    expect(checkValue(v('boolean'), 'true')).toBe('attendu : un booléen (true ou false)');
    expect(checkValue(v('boolean'), 0)).toBe('attendu : un booléen (true ou false)');
  });

  it('wants a real YYYY-MM-DD date for date', () => {
    expect(checkValue(v('date'), '2027-10-31')).toBeNull();
    expect(checkValue(v('date'), '2027-02-30')).toBe('attendu : une date AAAA-MM-JJ');
    expect(checkValue(v('date'), '2027-10-31T00:00:00Z')).toBe('attendu : une date AAAA-MM-JJ');
  });

  it('wants local@domain.tld for email', () => {
    expect(checkValue(v('email'), 'contact@ecole-prod.fr')).toBeNull();
    expect(checkValue(v('email'), 'a.b+c@sous.domaine.example.org')).toBeNull();
    for (const bad of ['contact', 'contact@', '@ecole.fr', 'contact@ecole', 'a b@ecole.fr', 'a@@ecole.fr', 'a@ecole..fr', 'a@ecole.fr.']) {
      expect(checkValue(v('email'), bad), bad).toBe('attendu : une adresse e-mail');
    }
  });

  it('wants an absolute http or https URL for url', () => {
    expect(checkValue(v('url'), 'https://passerelle.example.org/dossiers/12?x=1')).toBeNull();
    expect(checkValue(v('url'), 'http://localhost:8080')).toBeNull();
    for (const bad of ['ftp://example.org', 'mailto:a@b.fr', 'example.org', '/relatif', 'http:example.org', 'https://', 'https://exa mple.org']) {
      expect(checkValue(v('url'), bad), bad).toBe('attendu : une URL http(s) absolue');
    }
  });

  it('wants one of the options for enum, and names them', () => {
    const e = v('enum', ['bas', 'haut']);
    expect(checkValue(e, 'haut')).toBeNull();
    expect(checkValue(e, 'moyen')).toBe('attendu : une des valeurs "bas", "haut"');
    expect(checkValue(e, 1)).toBe('attendu : une des valeurs "bas", "haut"');
  });

  it('refuses every value for an enum declared without options', () => {
    expect(checkValue(v('enum'), 'haut')).toBe('attendu : une des valeurs permises');
  });

  it('refuses undefined for every type', () => {
    const expected = {
      string: 'attendu : une chaîne de caractères',
      text: 'attendu : un texte',
      integer: 'attendu : un nombre entier',
      number: 'attendu : un nombre',
      boolean: 'attendu : un booléen (true ou false)',
      date: 'attendu : une date AAAA-MM-JJ',
      email: 'attendu : une adresse e-mail',
      url: 'attendu : une URL http(s) absolue',
      enum: 'attendu : une des valeurs "a"',
    } as const;
    for (const [type, message] of Object.entries(expected)) {
      expect(checkValue(v(type as Variable['type'], ['a']), undefined), type).toBe(message);
    }
  });
});
