import type { newApp } from '../platform/new-app.ts';

type Router = ReturnType<typeof newApp>;

/**
 * Adds a group's routes: most under `/v1`, a few (the open calendar feed) at the top. Routes
 * are values that read their dependencies from the request, so mounting needs none. Sub-apps
 * come from `newApp`, made like the app they are mounted in.
 */
export type MountRoutes = (routers: { app: Router; v1: Router; newApp: () => Router }) => void;
