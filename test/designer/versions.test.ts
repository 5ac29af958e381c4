import { describe, expect, it } from 'vitest';
import { describeVersion } from '../../designer/src/format/versions';

describe('a published version in words', () => {
  it('says when and who, and only when when nobody is known', () => {
    expect(describeVersion({ version: 3, published_at: '2027-03-12T10:00:00Z', published_by_name: 'Camille Martin' })).toBe('Version 3 — publiée le 12 mars 2027 par Camille Martin');
    expect(describeVersion({ version: 1, published_at: '2027-03-12T10:00:00Z', published_by_name: null })).toBe('Version 1 — publiée le 12 mars 2027');
  });
});
