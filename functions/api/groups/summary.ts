import { newApp } from '../platform/new-app.ts';
import { summaryRoutes } from '../routes/summary.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** The dashboard's one request: every grant's money, deadlines and positions at a glance. */
export const mountSummary: MountRoutes = ({ v1 }) => {
  v1.route('/summary', newApp().openapiRoutes(summaryRoutes));
};
