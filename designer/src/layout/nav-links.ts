// The navigation bar's entries, each shown only to those who may use its page.
import { isAdministrator, isFederationStaff } from '../session/permissions';
import type { Me } from '../session/session';

export interface NavLink {
  to: string;
  label: string;
  show: (me: Me) => boolean;
}

const everyone = () => true;

export const NAV_LINKS: NavLink[] = [
  { to: '/', label: 'Mes tâches', show: everyone },
  { to: '/portefeuille', label: 'Portefeuille', show: isFederationStaff },
  { to: '/projets/nouveau', label: 'Démarrer un projet', show: isAdministrator },
  { to: '/processus', label: 'Processus', show: isAdministrator },
  { to: '/calendrier', label: 'Calendrier', show: everyone },
  { to: '/administration', label: 'Administration', show: isAdministrator },
];
