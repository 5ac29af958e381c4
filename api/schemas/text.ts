// One-line texts people type and others read (names, titles): trimmed, bounded, and refused
// (422, code `control_character`) when they hold a newline, another control character or a
// text-direction override, since they reach e-mail subjects and pages. The OpenAPI document
// carries the rule as a `pattern`.
import { z } from '@hono/zod-openapi';
import { WITHOUT_CONTROL_CHARACTERS } from '../../dsl/control-characters';

export const singleLine = (max: number) => z.string().trim().min(1).max(max).regex(WITHOUT_CONTROL_CHARACTERS);

/** Whether a zod issue is this rule's refusal (errors.ts names it in French). */
export const isControlCharacterIssue = (issue: { code: string; format?: string; pattern?: string }): boolean =>
  issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern === String(WITHOUT_CONTROL_CHARACTERS);
