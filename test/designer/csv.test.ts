import { describe, expect, it } from 'vitest';
import { toCsv } from '../../designer/src/format/csv';

describe('CSV export', () => {
  it('starts with a byte-order mark, separates with semicolons and ends lines with CRLF', () => {
    expect(toCsv(['Titre', 'Phase'], [['École de Lyon', 'Faisabilité']])).toBe('\uFEFFTitre;Phase\r\nÉcole de Lyon;Faisabilité\r\n');
  });

  it('quotes cells holding separators, quotes or line breaks, and empties missing ones', () => {
    expect(toCsv(['a', 'b', 'c'], [['x;y', 'il a dit "oui"', null]])).toBe('\uFEFFa;b;c\r\n"x;y";"il a dit ""oui""";\r\n');
    expect(toCsv(['a'], [['ligne 1\nligne 2']])).toBe('\uFEFFa\r\n"ligne 1\nligne 2"\r\n');
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")']])).toBe('\uFEFFa\r\n"\'=HYPERLINK(""x"")"\r\n');
    expect(toCsv(['n'], [[-3]])).toBe("\uFEFFn\r\n'-3\r\n");
  });
});
