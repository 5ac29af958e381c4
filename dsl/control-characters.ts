// Characters that must not appear in a one-line text shown to people (a name, a title, an
// e-mail subject): control characters (C0, DEL, C1: newlines, tabulations, escapes), line
// and paragraph separators, and the marks, embeddings, overrides and isolates that change
// the direction of text (they make "facture.exe" read as something else). Written as \u
// ranges, not Unicode property classes, so the pattern means the same in any regular
// expression engine that reads the OpenAPI document. Pure; imports nothing.
const CLASS = '\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';

/** Matches a text with none of those characters. */
export const WITHOUT_CONTROL_CHARACTERS = new RegExp(`^[^${CLASS}]*$`);

const CONTROL_CHARACTERS = new RegExp(` *[${CLASS}][ ${CLASS}]*`, 'g');

/** The text on one line: each run of those characters (and the spaces around) becomes one space, the ends are trimmed. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').trim();
}
