import { narrativeRoutes } from '../routes/narrative.routes.ts';
import { positionRoutes } from '../routes/positions.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** Funded positions: staffing, costs, warnings and the Sachbericht draft. */
export const mountPositions: MountRoutes = ({ v1 }, deps) => {
  v1.route('/positions', positionRoutes(deps));
  v1.route('/positions', narrativeRoutes(deps));
};
