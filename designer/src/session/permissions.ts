// What the signed-in person may use, as the navigation and pages show it. The API decides
// for real; this only keeps people from links that would answer "interdit".
import type { Me } from './session';

/** Federation staff follow every project: members of the federation, and administrators. */
export const isFederationStaff = (me: Me) => me.is_admin || me.organizations.some((o) => o.kind === 'federation');

/** Starting projects, publishing processes and administering accounts are the administrators'. */
export const isAdministrator = (me: Me) => me.is_admin;
