// The API's refusals as the pages handle them; apart from client.ts so pure modules (and
// their tests, outside a browser) can read them.
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

/** An API refusal, thrown by `unwrap` so pages can show `problem.title` and field errors. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `Erreur ${status}`);
  }

  /** Field errors keyed by the first segment of their JSON pointer (`/values/nbJeunes` → `nbJeunes`). */
  fieldErrors(prefix = ''): Record<string, string> {
    const out: Record<string, string> = {};
    for (const item of this.problem.errors ?? []) {
      if (!item.path.startsWith(prefix)) continue;
      const key = item.path.slice(prefix.length).split('/').filter(Boolean)[0];
      if (key && !(key in out)) out[decodeURIComponent(key)] = item.message;
    }
    return out;
  }
}
