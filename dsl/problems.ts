// The validator's output (spec section 7): problems with a stable code, a JSON pointer into
// the document and a French message. Shared by every validation file and by the API, which
// returns them as they are in problem+json bodies.

export type Problem = { code: string; path: string; message: string };

export type ValidationResult = { valid: boolean; errors: Problem[]; warnings: Problem[] };

export type PathSegment = string | number;

/** A JSON pointer (RFC 6901): `~` and `/` in keys are escaped, so any key round-trips. */
export function pointer(...segments: PathSegment[]): string {
  let path = '';
  for (const s of segments) {
    const text = String(s);
    path += '/' + (/[~/]/.test(text) ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return path;
}

export type ProblemSink = {
  readonly items: Problem[];
  add(code: string, path: string, message: string): void;
};

/** Collects problems, keeping one of identical ones: two checks that meet the same root
 * cause (a zod issue and a contextual rule, say) must not report it twice. */
export function problemSink(): ProblemSink {
  const items: Problem[] = [];
  const seen = new Set<string>();
  return {
    items,
    add(code, path, message) {
      const key = `${code}\u0000${path}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      items.push({ code, path, message });
    },
  };
}
