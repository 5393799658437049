import { calendarFeedRoutes, calendarRoutes } from '../routes/calendar.routes.ts';
import { deadlineRoutes } from '../routes/deadlines.routes.ts';
import { reminderRoutes } from '../routes/reminders.routes.ts';
import type { MountRoutes } from './mount-routes.ts';

/** Deadlines, reminder runs and their log, calendar tokens and the feed. */
export const mountDeadlines: MountRoutes = ({ app, v1, newApp }) => {
  // Open: calendar apps send no bearer token; the calendar token in the URL is the credential.
  app.route('/calendar', newApp().openapiRoutes(calendarFeedRoutes));
  v1.route('/deadlines', newApp().openapiRoutes(deadlineRoutes));
  v1.route('/reminders', newApp().openapiRoutes(reminderRoutes));
  v1.route('/', newApp().openapiRoutes(calendarRoutes));
};
