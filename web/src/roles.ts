/** The roles of the API (`cognito:groups`); the API decides, the app only picks what to show. */
export type Role = 'finance' | 'coordinator' | 'viewer' | 'admin';

export const hasRole = (roles: readonly Role[], ...wanted: Role[]) =>
  roles.some((role) => wanted.includes(role));

/** Coordinators land on their tasks; everybody else on the deadlines (part 2 adds their own pages). */
export const landingPath = (roles: readonly Role[]) =>
  hasRole(roles, 'coordinator') ? '/aufgaben' : '/fristen';
