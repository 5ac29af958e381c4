// Every route file builds its sub-application with this, so request validation failures
// become the same 422 problem everywhere, whether or not the parent's hook is found.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';
import { validationHook } from './errors';

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
