import { applicationRoutes } from '../routes/applications.routes.ts';
import { exportRoutes } from '../routes/exports.routes.ts';
import { fundsCallRoutes } from '../routes/funds-calls.routes.ts';
import { programRoutes } from '../routes/programs.routes.ts';
import { reportRoutes } from '../routes/reports.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** Programmes, applications with their notices, funds calls and statements of use, the CSV export. */
export const mountFunding: MountRoutes = ({ v1, newApp }) => {
  v1.route('/programs', newApp().openapiRoutes(programRoutes));
  v1.route('/applications', newApp().openapiRoutes(applicationRoutes));
  v1.route('/applications', newApp().openapiRoutes(fundsCallRoutes));
  v1.route('/applications', newApp().openapiRoutes(reportRoutes));
  v1.route('/exports', newApp().openapiRoutes(exportRoutes));
};
