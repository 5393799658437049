/** The roles of the API (`cognito:groups`); the API decides, the app only picks what to show. */
export type Role = 'finance' | 'coordinator' | 'viewer' | 'admin';

export const hasRole = (roles: readonly Role[], ...wanted: Role[]) =>
  roles.some((role) => wanted.includes(role));

/** Coordinators land on their tasks, finance on the applications, management and admins on the Übersicht. */
export const landingPath = (roles: readonly Role[]) =>
  hasRole(roles, 'coordinator') ? '/aufgaben' : hasRole(roles, 'finance') ? '/antraege' : '/uebersicht';

export interface NavItem {
  href: string;
  label: string;
}

/** The main navigation: each person's own pages first; everybody may read the rest. */
export function navigationFor(roles: readonly Role[]): NavItem[] {
  const finance = hasRole(roles, 'finance', 'admin');
  const funding = [
    { href: '/antraege', label: 'Anträge' },
    { href: '/stellen', label: 'Stellen' },
  ];
  const overview = { href: '/uebersicht', label: 'Übersicht' };
  return [
    ...(hasRole(roles, 'coordinator', 'admin') ? [{ href: '/aufgaben', label: 'Meine Aufgaben' }] : []),
    ...(finance ? [...funding, overview] : [overview, ...funding]),
    { href: '/fristen', label: 'Meine Fristen' },
    { href: '/konzepte', label: 'Konzepte' },
    { href: '/sachbericht', label: 'Sachbericht' },
    ...(hasRole(roles, 'admin') ? [{ href: '/programme', label: 'Programme' }] : []),
  ];
}
