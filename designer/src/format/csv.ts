// CSV for spreadsheet software: UTF-8 with a byte-order mark (so accents show in Excel),
// semicolons (the French locale's list separator), CRLF line ends, every cell quoted when it
// holds a separator, a quote or a line break. A cell starting with = + - @ is prefixed with
// an apostrophe so a spreadsheet never runs it as a formula.
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (value: string | number | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return '\uFEFF' + [header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
