// The demonstration directory: organizations in two académies (Lyon, Lille), their demo
// accounts (password `passerelle-demo`) and memberships. Upserts by natural key (organization
// name, user e-mail) that never overwrite: seeding twice changes nothing, and an existing
// account keeps whatever was changed since. `DEMO_SIGN_IN` is what the sign-in page of the
// embedded demonstration shows (the app's `deps.demo`).
import type { AppDeps } from '../../api/app-env';
import { hashPassword } from '../../api/auth/password';
import type { Db } from '../../db/database';
import type { OrganizationKind } from '../../db/tables/organization';

export const DEMO_PASSWORD = 'passerelle-demo';

export const DEMO_ORGANIZATIONS = {
  federation: { name: 'Fédération nationale des écoles de production', kind: 'federation', academie: null, region: null },
  associationLyon: { name: 'Association École de production de Lyon', kind: 'association', academie: 'Lyon', region: 'Auvergne-Rhône-Alpes' },
  associationLille: { name: 'Association École de production de Lille', kind: 'association', academie: 'Lille', region: 'Hauts-de-France' },
  academieLyon: { name: 'Rectorat de l’académie de Lyon', kind: 'academie', academie: 'Lyon', region: 'Auvergne-Rhône-Alpes' },
  academieLille: { name: 'Rectorat de l’académie de Lille', kind: 'academie', academie: 'Lille', region: 'Hauts-de-France' },
  entreprise: { name: 'Métallerie Rhône-Alpes', kind: 'company', academie: null, region: 'Auvergne-Rhône-Alpes' },
  lyceeLyon: { name: 'Lycée professionnel des Canuts (Lyon)', kind: 'school', academie: 'Lyon', region: 'Auvergne-Rhône-Alpes' },
  lyceeLille: { name: 'Lycée professionnel du Beffroi (Lille)', kind: 'school', academie: 'Lille', region: 'Hauts-de-France' },
} as const satisfies Record<string, { name: string; kind: OrganizationKind; academie: string | null; region: string | null }>;

export type DemoOrganization = keyof typeof DEMO_ORGANIZATIONS;

export const DEMO_USERS = {
  federation: { email: 'federation@passerelle.demo', name: 'Camille Martin', isAdmin: true, organization: 'federation' },
  associationLyon: { email: 'association.lyon@passerelle.demo', name: 'Julien Bernard', isAdmin: false, organization: 'associationLyon' },
  associationLille: { email: 'association.lille@passerelle.demo', name: 'Sophie Lefebvre', isAdmin: false, organization: 'associationLille' },
  academieLyon: { email: 'academie.lyon@passerelle.demo', name: 'Nadia Rousseau', isAdmin: false, organization: 'academieLyon' },
  academieLille: { email: 'academie.lille@passerelle.demo', name: 'Thomas Dubois', isAdmin: false, organization: 'academieLille' },
  entreprise: { email: 'entreprise@passerelle.demo', name: 'Marc Girard', isAdmin: false, organization: 'entreprise' },
} as const satisfies Record<string, { email: string; name: string; isAdmin: boolean; organization: DemoOrganization }>;

export type DemoUser = keyof typeof DEMO_USERS;

/** The demo accounts and their public password, for the sign-in page. */
export const DEMO_SIGN_IN: NonNullable<AppDeps['demo']> = {
  password: DEMO_PASSWORD,
  accounts: Object.values(DEMO_USERS).map((u) => ({ email: u.email, name: u.name, organization: DEMO_ORGANIZATIONS[u.organization].name })),
};

/** The demo world is there (seeded now or at an earlier start): its accounts still work. */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', DEMO_USERS.federation.email).executeTakeFirst();
  return row !== undefined;
}

export interface DemoDirectory {
  organizations: Record<DemoOrganization, string>;
  users: Record<DemoUser, string>;
}

export async function seedDirectory(db: Db): Promise<DemoDirectory> {
  const organizations = {} as Record<DemoOrganization, string>;
  for (const [handle, org] of Object.entries(DEMO_ORGANIZATIONS) as [DemoOrganization, (typeof DEMO_ORGANIZATIONS)[DemoOrganization]][]) {
    await db.insertInto('organizations').values(org).onConflict((oc) => oc.column('name').doNothing()).execute();
    const row = await db.selectFrom('organizations').select('id').where('name', '=', org.name).executeTakeFirstOrThrow();
    organizations[handle] = row.id;
  }
  const users = {} as Record<DemoUser, string>;
  for (const [handle, user] of Object.entries(DEMO_USERS) as [DemoUser, (typeof DEMO_USERS)[DemoUser]][]) {
    let row = await db.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst();
    if (!row) {
      // Hashed only for a new account (argon2 is deliberately slow).
      const password_hash = await hashPassword(DEMO_PASSWORD);
      await db
        .insertInto('users')
        .values({ email: user.email, name: user.name, password_hash, is_admin: user.isAdmin })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      row = await db.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirstOrThrow();
    }
    users[handle] = row.id;
    await db
      .insertInto('memberships')
      .values({ user_id: row.id, organization_id: organizations[user.organization] })
      .onConflict((oc) => oc.columns(['user_id', 'organization_id']).doNothing())
      .execute();
  }
  return { organizations, users };
}
