import { conceptRoutes } from '../routes/concepts.routes.ts';
import { milestoneRoutes } from '../routes/milestones.routes.ts';
import { taskRoutes } from '../routes/tasks.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** The coordinator's work: tasks with their progress, concepts, milestones and their reports. */
export const mountWork: MountRoutes = ({ v1, newApp }) => {
  v1.route('/tasks', newApp().openapiRoutes(taskRoutes));
  v1.route('/concepts', newApp().openapiRoutes(conceptRoutes));
  v1.route('/concepts', newApp().openapiRoutes(milestoneRoutes));
};
