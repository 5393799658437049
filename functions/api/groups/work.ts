import { conceptRoutes } from '../routes/concepts.routes.ts';
import { taskRoutes } from '../routes/tasks.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** The coordinator's work: tasks with their progress, concepts, milestones and their reports. */
export const mountWork: MountRoutes = ({ v1 }, deps) => {
  v1.route('/tasks', taskRoutes(deps));
  v1.route('/concepts', conceptRoutes(deps));
};
