export const ROLES = ['finance', 'coordinator', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
