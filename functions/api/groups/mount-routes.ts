import type { ApiDependencies } from '../dependencies.ts';
import type { newApp } from '../platform/new-app.ts';

type Router = ReturnType<typeof newApp>;

/** Adds a group's routes: most under `/v1`, a few (the open calendar feed) at the top. */
export type MountRoutes = (routers: { app: Router; v1: Router }, deps: ApiDependencies) => void;
