import { calendarDateSchema, type Period } from '../../../shared/domain/calendar-date.ts';
import { invalid, notFound } from '../../../shared/domain/errors.ts';
import { compileNarrative, type NarrativeInput } from '../../../shared/domain/narrative.ts';
import type { Store } from '../../../shared/store/store.ts';
import * as z from '../../../shared/zod.ts';
import { idParams, specs } from '../platform/openapi.ts';
import { route } from '../platform/route-kit.ts';

const { read } = specs(['Narrative report']);
const markdownResponse = { description: 'Markdown', content: { 'text/markdown': { schema: z.string() } } };

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

export const narrativeRoutes = [
  route(
    {
      method: 'get',
      ...read(
        '/{id}/narrative',
        "Draft Sachbericht for a period, in German Markdown: the position's task progress by area, milestones reached or missed, milestone reports",
        { params: idParams, query: z.object({ from: calendarDateSchema, to: calendarDateSchema }) },
        markdownResponse,
      ),
    },
    async (c) => {
      const { from, to } = c.req.valid('query');
      if (to < from) throw invalid('to', 'must not be before from');
      const period = { start: from, end: to };
      const input = await narrativeInput(c.var.deps.store, c.req.valid('param').id, period);
      return c.body(compileNarrative(input, period), 200, { 'content-type': 'text/markdown; charset=utf-8' });
    },
  ),
];
