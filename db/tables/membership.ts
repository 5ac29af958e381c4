import type { Generated, Insertable, Selectable } from 'kysely';

export interface MembershipTable {
  user_id: string;
  organization_id: string;
  created_at: Generated<Date>;
}

export type Membership = Selectable<MembershipTable>;
export type NewMembership = Insertable<MembershipTable>;
