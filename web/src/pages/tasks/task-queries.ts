import { useQuery } from '@tanstack/react-query';
import { TASKS_DATA_ARRIVED } from '../../../performance-marks.ts';
import { allPages, ok } from '../../api/client.ts';
import { useApp } from '../../app-context.tsx';

/** Query keys of the task pages; a progress entry invalidates all of them. */
export const taskKeys = {
  all: ['tasks'] as const,
  mine: (email: string) => ['tasks', 'assignee', email] as const,
  one: (id: string) => ['tasks', 'one', id] as const,
  progress: (id: string) => ['tasks', 'progress', id] as const,
};

/** The signed-in person's tasks, every page of them, by due date. */
export function useMyTasks() {
  const { api, person } = useApp();
  return useQuery({
    queryKey: taskKeys.mine(person.email),
    queryFn: async () => {
      const tasks = await allPages((cursor) =>
        ok(api.GET('/v1/tasks', { params: { query: { assignee: person.email, limit: 100, cursor } } })),
      );
      performance.mark(TASKS_DATA_ARRIVED);
      return tasks;
    },
  });
}

export function useTask(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: taskKeys.one(id),
    queryFn: () => ok(api.GET('/v1/tasks/{id}', { params: { path: { id } } })),
  });
}

/** A task's progress log, newest first (the API lists oldest first). */
export function useProgressLog(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: taskKeys.progress(id),
    queryFn: async () => {
      const entries = await allPages((cursor) =>
        ok(api.GET('/v1/tasks/{id}/progress', { params: { path: { id }, query: { limit: 100, cursor } } })),
      );
      return entries.reverse();
    },
  });
}
