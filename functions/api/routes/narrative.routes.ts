import { createRoute } from '@hono/zod-openapi';
import { calendarDateSchema, type Period } from '../../../shared/domain/calendar-date.ts';
import { invalid, notFound } from '../../../shared/domain/errors.ts';
import { compileNarrative, type NarrativeInput } from '../../../shared/domain/narrative.ts';
import type { Store } from '../../../shared/store/store.ts';
import * as z from '../../../shared/zod.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ANY_ROLE, allow } from '../platform/auth.ts';
import { newApp } from '../platform/new-app.ts';
import { idParams, readProblems } from '../platform/openapi.ts';

const route = createRoute({
  method: 'get',
  path: '/{id}/narrative',
  tags: ['Narrative report'],
  summary:
    "Draft Sachbericht for a period, in German Markdown: the position's task progress by area, milestones reached or missed, milestone reports",
  middleware: [allow(...ANY_ROLE)],
  request: {
    params: idParams,
    query: z.object({ from: calendarDateSchema, to: calendarDateSchema }),
  },
  responses: {
    200: { description: 'Markdown', content: { 'text/markdown': { schema: z.string() } } },
    ...readProblems,
  },
});

/**
 * Gathers what the narrative is compiled from: the position's tasks with their entries in the
 * period, and the concepts it works on (those naming the position and those its tasks belong to).
 */
async function narrativeInput(store: Store, positionId: string, period: Period): Promise<NarrativeInput> {
  const found = await store.positions.find(positionId);
  if (!found) throw notFound('Position', positionId);
  const position = { id: found.id, title: found.title };
  const tasks = await store.tasks.listForPosition(positionId);
  const conceptIds = new Set([
    ...(await store.concepts.listForPosition(positionId)).map((concept) => concept.id),
    ...tasks.flatMap((task) => (task.conceptId ? [task.conceptId] : [])),
  ]);
  return {
    position,
    tasks: await Promise.all(
      tasks.map(async (task) => ({ task, entries: await store.tasks.progressIn(task.id, period) })),
    ),
    concepts: await Promise.all([...conceptIds].map((id) => store.concepts.aggregate(id))),
  };
}

export function narrativeRoutes(deps: ApiDependencies) {
  return newApp().openapi(route, async (c) => {
    const { from, to } = c.req.valid('query');
    if (to < from) throw invalid('to', 'must not be before from');
    const period = { start: from, end: to };
    const markdown = compileNarrative(
      await narrativeInput(deps.store, c.req.valid('param').id, period),
      period,
    );
    return c.body(markdown, 200, { 'content-type': 'text/markdown; charset=utf-8' });
  });
}
