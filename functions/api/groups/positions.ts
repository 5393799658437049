import { narrativeRoutes } from '../routes/narrative.routes.ts';
import { positionRoutes } from '../routes/positions.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** Funded positions: staffing, costs, warnings and the Sachbericht draft. */
export const mountPositions: MountRoutes = ({ v1, newApp }) => {
  v1.route('/positions', newApp().openapiRoutes(positionRoutes));
  v1.route('/positions', newApp().openapiRoutes(narrativeRoutes));
};
