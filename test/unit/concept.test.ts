import { describe, expect, it } from 'vitest';
import {
  applyConceptUpdate,
  CONCEPT_STATUSES,
  CONCEPT_TRANSITIONS,
  type Concept,
  createConceptSchema,
  newConcept,
} from '../../shared/domain/concept.ts';
import { conceptDeadlines } from '../../shared/domain/concept-deadlines.ts';
import {
  applyMilestoneUpdate,
  createMilestoneSchema,
  MILESTONE_STATUSES,
  MILESTONE_TRANSITIONS,
  type Milestone,
  newMilestone,
} from '../../shared/domain/milestone.ts';
import {
  applyMilestoneReportUpdate,
  createMilestoneReportSchema,
  MILESTONE_REPORT_STATUSES,
  MILESTONE_REPORT_TRANSITIONS,
  type MilestoneReport,
  newMilestoneReport,
} from '../../shared/domain/milestone-report.ts';
import { conceptBody, KIM, milestoneBody, reportBody } from '../fixtures/coordinator.ts';
import { errorOf } from '../support/app-error.ts';

const now = new Date('2024-01-15T09:00:00Z');
const today = '2024-01-15';
const facts = { now, today };
const CONCEPT_ID = '01JC0Z6XKX2P4T3C8Y5W7QF9C1';

const concept = (overrides: Partial<Concept> = {}): Concept => ({
  ...newConcept(createConceptSchema.parse(conceptBody()), { id: CONCEPT_ID, now }),
  ...overrides,
});

const milestone = (overrides: Partial<Milestone> = {}): Milestone => ({
  ...newMilestone(CONCEPT_ID, createMilestoneSchema.parse(milestoneBody()), {
    id: '01JC0Z6XKX2P4T3C8Y5W7QF9M1',
    now,
    today,
  }),
  ...overrides,
});

const report = (overrides: Partial<MilestoneReport> = {}): MilestoneReport => ({
  ...newMilestoneReport(milestone(), createMilestoneReportSchema.parse(reportBody()), {
    id: '01JC0Z6XKX2P4T3C8Y5W7QF9R1',
    now,
  }),
  ...overrides,
});

const movesOf = <S extends string>(statuses: readonly S[], table: Record<S, readonly S[]>) =>
  statuses.flatMap((from) => table[from].map((to) => `${from}→${to}`)).sort();

describe('concept phases', () => {
  it('go forward one at a time, and the council may refer a draft back', () => {
    expect(movesOf(CONCEPT_STATUSES, CONCEPT_TRANSITIONS)).toEqual(
      [
        'preparation→participation',
        'participation→drafting',
        'drafting→council_decision',
        'council_decision→implementation',
        'council_decision→drafting',
      ].sort(),
    );
  });

  it('refuse skipping a phase with a conflict naming the allowed ones', () => {
    const error = errorOf(() => applyConceptUpdate(concept(), { status: 'drafting' }, now));
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ from: 'preparation', allowed: ['participation'] });
  });

  it('start in preparation unless a later phase is given', () => {
    expect(concept().status).toBe('preparation');
    const underWay = newConcept(createConceptSchema.parse(conceptBody({ status: 'drafting' })), {
      id: CONCEPT_ID,
      now,
    });
    expect(underWay.status).toBe('drafting');
  });
});

describe('milestone status', () => {
  it('allows planned → in_progress → achieved | missed, and reaching or missing without starting', () => {
    expect(movesOf(MILESTONE_STATUSES, MILESTONE_TRANSITIONS)).toEqual(
      [
        'planned→in_progress',
        'planned→achieved',
        'planned→missed',
        'in_progress→achieved',
        'in_progress→missed',
      ].sort(),
    );
  });

  it('keeps achieved and missed final', () => {
    for (const status of ['achieved', 'missed'] as const) {
      const error = errorOf(() =>
        applyMilestoneUpdate(milestone({ status }), { status: 'in_progress' }, facts),
      );
      expect(error.extensions).toEqual({ from: status, allowed: [] });
    }
  });

  it('records the day it was reached, today unless given', () => {
    expect(applyMilestoneUpdate(milestone(), { status: 'achieved' }, facts).achievedOn).toBe(today);
    expect(
      applyMilestoneUpdate(milestone(), { status: 'achieved', achievedOn: '2023-03-29' }, facts),
    ).toMatchObject({ status: 'achieved', achievedOn: '2023-03-29', version: 2 });
  });

  it('corrects the day of a milestone already achieved', () => {
    const achieved = milestone({ status: 'achieved', achievedOn: '2023-03-29' });
    expect(applyMilestoneUpdate(achieved, { achievedOn: '2023-03-28' }, facts).achievedOn).toBe('2023-03-28');
  });

  it('refuses an achievedOn in the future or without status achieved', () => {
    const future = errorOf(() =>
      applyMilestoneUpdate(milestone(), { status: 'achieved', achievedOn: '2024-01-16' }, facts),
    );
    expect(future.errors).toEqual([{ path: 'achievedOn', message: 'must not be in the future' }]);
    const alone = errorOf(() => applyMilestoneUpdate(milestone(), { achievedOn: '2023-03-29' }, facts));
    expect(alone.errors?.[0]?.path).toBe('achievedOn');
  });

  it('refuses a due date that is not a date', () => {
    expect(createMilestoneSchema.safeParse(milestoneBody({ dueOn: '31.03.2023' })).success).toBe(false);
    expect(createMilestoneSchema.safeParse(milestoneBody({ dueOn: '2023-02-30' })).success).toBe(false);
  });
});

describe('milestone report', () => {
  it('goes draft → submitted → accepted | revision_requested → submitted …', () => {
    expect(movesOf(MILESTONE_REPORT_STATUSES, MILESTONE_REPORT_TRANSITIONS)).toEqual(
      [
        'draft→submitted',
        'submitted→accepted',
        'submitted→revision_requested',
        'revision_requested→submitted',
      ].sort(),
    );
  });

  it('records submission and decision days, today unless given', () => {
    const submitted = applyMilestoneReportUpdate(
      report(),
      { status: 'submitted', submittedOn: '2023-11-10' },
      facts,
    );
    expect(submitted).toMatchObject({ status: 'submitted', submittedOn: '2023-11-10', decidedOn: null });
    expect(applyMilestoneReportUpdate(submitted, { status: 'accepted' }, facts)).toMatchObject({
      status: 'accepted',
      decidedOn: today,
    });
  });

  it('clears the decision when a revised report is submitted again', () => {
    const sentBack = report({
      status: 'revision_requested',
      submittedOn: '2023-11-10',
      decidedOn: '2023-11-20',
    });
    expect(
      applyMilestoneReportUpdate(sentBack, { status: 'submitted', submittedOn: '2023-11-27' }, facts),
    ).toMatchObject({
      submittedOn: '2023-11-27',
      decidedOn: null,
    });
  });

  it('refuses accepting a draft with a conflict naming the allowed move', () => {
    const error = errorOf(() => applyMilestoneReportUpdate(report(), { status: 'accepted' }, facts));
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ from: 'draft', allowed: ['submitted'] });
  });

  it('takes edits only while it is with the coordinator', () => {
    expect(applyMilestoneReportUpdate(report(), { summary: 'Neu' }, facts).summary).toBe('Neu');
    const submitted = report({ status: 'submitted', submittedOn: '2023-11-10' });
    expect(errorOf(() => applyMilestoneReportUpdate(submitted, { body: 'Neu' }, facts)).kind).toBe(
      'conflict',
    );
  });

  it('refuses dates that do not fit the step', () => {
    const submitted = report({ status: 'submitted', submittedOn: '2023-11-10' });
    const paths = (action: () => unknown) => errorOf(action).errors?.map((error) => error.path);
    expect(
      paths(() =>
        applyMilestoneReportUpdate(submitted, { status: 'accepted', decidedOn: '2023-11-09' }, facts),
      ),
    ).toEqual(['decidedOn']);
    expect(
      paths(() =>
        applyMilestoneReportUpdate(submitted, { status: 'accepted', submittedOn: '2023-11-11' }, facts),
      ),
    ).toEqual(['submittedOn']);
    expect(
      paths(() =>
        applyMilestoneReportUpdate(report(), { status: 'submitted', submittedOn: '2024-02-01' }, facts),
      ),
    ).toEqual(['submittedOn']);
  });

  it('refuses an unknown audience, an empty body and unknown fields', () => {
    expect(createMilestoneReportSchema.safeParse(reportBody({ audience: 'press' })).success).toBe(false);
    expect(createMilestoneReportSchema.safeParse(reportBody({ body: '' })).success).toBe(false);
    expect(createMilestoneReportSchema.safeParse(reportBody({ status: 'accepted' })).success).toBe(false);
  });
});

describe('concept deadlines', () => {
  const ids = (deadlines: ReturnType<typeof conceptDeadlines>) =>
    deadlines.map((deadline) => `${deadline.kind}@${deadline.dueOn}:${deadline.status}`);

  it('makes each milestone due date and report due date a deadline of the concept owner', () => {
    const deadlines = conceptDeadlines(concept(), [milestone()], []);
    expect(ids(deadlines)).toEqual(['milestone_due@2023-03-31:open', 'milestone_report_due@2023-04-30:open']);
    expect(deadlines[0]).toEqual({
      id: `${CONCEPT_ID}.milestone_due.01JC0Z6XKX2P4T3C8Y5W7QF9M1`,
      kind: 'milestone_due',
      dueOn: '2023-03-31',
      subject: {
        type: 'concept',
        id: CONCEPT_ID,
        title: 'Stadtteilentwicklungskonzept Erfurt-Nord: Beteiligung der Ortsteile',
        partId: '01JC0Z6XKX2P4T3C8Y5W7QF9M1',
      },
      owner: KIM,
      status: 'open',
    });
  });

  it('closes the milestone deadline once it is achieved or missed', () => {
    for (const status of ['achieved', 'missed'] as const) {
      expect(ids(conceptDeadlines(concept(), [milestone({ status, reportDueOn: null })], []))).toEqual([
        'milestone_due@2023-03-31:done',
      ]);
    }
  });

  it('closes the report deadline while a report is submitted or accepted, not while it is sent back', () => {
    const states = ['draft', 'submitted', 'accepted', 'revision_requested'] as const;
    expect(
      states.map((status) => conceptDeadlines(concept(), [milestone()], [report({ status })])[1]?.status),
    ).toEqual(['open', 'done', 'done', 'open']);
  });
});
