// The engine's refusals (dsl/engine-types RefusalCode) as HTTP problems, so every route that
// talks to a project's workflow answers them the same way:
// forbidden → 403; task_not_open, not_running → 409; bad_outcome, values_invalid,
// input_invalid → 422 with `errors` pointing into the request body; bad_event (an event the
// engine does not know, which the API never builds) → 422.
import type { Refusal } from '../dsl/engine-types';
import { problem, type ApiError, type ProblemItem } from './errors';

function fieldItems(refusal: Refusal, where: string): ProblemItem[] {
  const details = refusal.details ?? [];
  if (details.length === 0) return [{ code: refusal.code, path: `/${where}`, message: refusal.message }];
  return details.map((d) => ({ code: d.code, path: `/${where}/${d.field}`, message: d.message }));
}

export function refusalProblem(refusal: Refusal): ApiError {
  const extra = { refusal: refusal.code };
  switch (refusal.code) {
    case 'forbidden':
      return problem('forbidden', refusal.message, extra);
    case 'task_not_open':
    case 'not_running':
    case 'unknown_timer':
    case 'unknown_child':
      return problem('conflict', refusal.message, extra);
    case 'bad_outcome':
      return problem('validation', refusal.message, {
        ...extra,
        errors: [{ code: 'bad_outcome', path: '/outcome', message: refusal.message }],
      });
    case 'values_invalid':
      return problem('validation', refusal.message, { ...extra, errors: fieldItems(refusal, 'values') });
    case 'input_invalid':
      return problem('validation', refusal.message, { ...extra, errors: fieldItems(refusal, 'input') });
    case 'bad_event':
      return problem('validation', refusal.message, extra);
  }
}
