// A project's status as the API shows and filters it, shared by the project and task
// schemas (which import each other's shapes, so it lives apart). `blocked`: the engine
// stopped a step that never waited; the project no longer moves and can only be cancelled.
import { z } from '@hono/zod-openapi';

export const PROJECT_STATUSES = ['running', 'blocked', 'completed', 'abandoned'] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES).openapi('ProjectStatus');
