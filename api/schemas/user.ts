// A user as the API shows and accepts it: never the password hash nor the calendar secret.
import { z } from '@hono/zod-openapi';
import type { UserWithMemberships } from '../../db/queries/users';
import { OrganizationSchema } from './organization';
import { Timestamp, Uuid, iso } from './ids';
import { singleLine } from './text';

export const UserSchema = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    is_admin: z.boolean(),
    organization_ids: z.array(Uuid),
    created_at: Timestamp,
  })
  .openapi('User');
export type UserView = z.infer<typeof UserSchema>;

export function toUser(row: UserWithMemberships): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    is_admin: row.is_admin,
    organization_ids: row.organization_ids,
    created_at: iso(row.created_at),
  };
}

export const MeSchema = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    is_admin: z.boolean(),
    organizations: z.array(OrganizationSchema),
    /** Present for cookie sessions: send it back in X-CSRF-Token on state changes. */
    csrf_token: z.string().nullable(),
  })
  .openapi('Me');

const email = z
  .email()
  .max(320)
  .transform((s) => s.toLowerCase());
// argon2 copes with any length, but an unbounded one is a cheap denial of service.
const password = z.string().min(10).max(256);
const name = singleLine(200);

export const UserCreateSchema = z
  .strictObject({
    email,
    name,
    password: password.optional(),
    is_admin: z.boolean().optional(),
    organization_ids: z.array(Uuid).max(50).optional(),
  })
  .openapi('UserCreate');

export const UserUpdateSchema = z
  .strictObject({
    email: email.optional(),
    name: name.optional(),
    password: password.nullable().optional(),
    is_admin: z.boolean().optional(),
    organization_ids: z.array(Uuid).max(50).optional(),
  })
  .openapi('UserUpdate');
