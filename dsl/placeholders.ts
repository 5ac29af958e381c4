// `{{variable}}` placeholders in notify subjects and bodies (spec 2). One definition of the
// syntax, so that the validator checks exactly the names the engine will fill in.

/** `{{nom}}` or `{{ nom }}`; anything else between braces is plain text. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;

/** The variable names a text refers to, in order, each once. */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]);
  return [...names];
}
