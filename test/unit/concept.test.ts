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

describe('a concept, exactly', () => {
  const positionId = '01JC0Z6XKX2P4T3C8Y5W7QF9P0';

  it('keeps its description and position when made, and has none unless given', () => {
    const described = newConcept(
      createConceptSchema.parse(conceptBody({ description: 'Nord', positionId })),
      { id: CONCEPT_ID, now },
    );
    expect(described).toMatchObject({ description: 'Nord', positionId, status: 'preparation' });
    expect(concept()).toMatchObject({ description: null, positionId: null });
  });

  it('edits what the patch names, clears with null and keeps the rest, with a new version', () => {
    const current = concept({ description: 'Nord', positionId });
    expect(applyConceptUpdate(current, { title: 'Neu' }, now)).toEqual({
      ...current,
      title: 'Neu',
      version: 2,
      updatedAt: now.toISOString(),
    });
    expect(applyConceptUpdate(current, { description: null, positionId: null }, now)).toMatchObject({
      description: null,
      positionId: null,
    });
    expect(applyConceptUpdate(concept(), { description: 'Süd', positionId }, now)).toMatchObject({
      description: 'Süd',
      positionId,
    });
  });

  it('takes the phase it is in as no move at all', () => {
    expect(applyConceptUpdate(concept(), { status: 'preparation', title: 'Neu' }, now).status).toBe(
      'preparation',
    );
  });

  it('names the refused move in the problem', () => {
    expect(errorOf(() => applyConceptUpdate(concept(), { status: 'implementation' }, now)).message).toBe(
      'A concept cannot go from preparation to implementation',
    );
  });
});

describe('a milestone, exactly', () => {
  it('keeps its description when made, and has none unless given', () => {
    const described = newMilestone(
      CONCEPT_ID,
      createMilestoneSchema.parse(milestoneBody({ description: 'Sechs Ortsteile' })),
      { id: 'M1', now, today },
    );
    expect(described).toMatchObject({ description: 'Sechs Ortsteile', status: 'planned', achievedOn: null });
    expect(milestone({}).description).toBeNull();
  });

  it('edits what the patch names, clears with null and keeps the rest', () => {
    const current = milestone({ description: 'Alt' });
    expect(applyMilestoneUpdate(current, { title: 'Neu' }, facts)).toEqual({
      ...current,
      title: 'Neu',
      version: current.version + 1,
      updatedAt: now.toISOString(),
    });
    expect(applyMilestoneUpdate(current, { description: null, reportDueOn: null }, facts)).toMatchObject({
      description: null,
      reportDueOn: null,
    });
    expect(
      applyMilestoneUpdate(current, { description: 'Neu', reportDueOn: '2023-05-31' }, facts),
    ).toMatchObject({ description: 'Neu', reportDueOn: '2023-05-31' });
  });

  it('keeps the day it was reached when an achieved milestone is edited', () => {
    const achieved = milestone({ status: 'achieved', achievedOn: '2023-03-29' });
    expect(applyMilestoneUpdate(achieved, { title: 'Neu' }, facts).achievedOn).toBe('2023-03-29');
    expect(applyMilestoneUpdate(achieved, { status: 'achieved', title: 'Neu' }, facts).achievedOn).toBe(
      '2023-03-29',
    );
  });

  it('records no day when it is missed or started', () => {
    expect(applyMilestoneUpdate(milestone(), { status: 'missed' }, facts).achievedOn).toBeNull();
    expect(applyMilestoneUpdate(milestone(), { status: 'in_progress' }, facts).achievedOn).toBeNull();
  });

  it('says in the problem what is wrong', () => {
    expect(
      errorOf(() => applyMilestoneUpdate(milestone(), { status: 'missed', achievedOn: today }, facts)),
    ).toMatchObject({
      kind: 'validation',
      message: 'The milestone is not valid',
      errors: [{ path: 'achievedOn', message: 'goes with status achieved' }],
    });
    expect(
      errorOf(() => applyMilestoneUpdate(milestone({ status: 'missed' }), { status: 'achieved' }, facts))
        .message,
    ).toBe('A milestone cannot go from missed to achieved');
  });

  it('may be reached today, not tomorrow', () => {
    expect(
      applyMilestoneUpdate(milestone(), { status: 'achieved', achievedOn: today }, facts).achievedOn,
    ).toBe(today);
    expect(
      errorOf(() =>
        applyMilestoneUpdate(milestone(), { status: 'achieved', achievedOn: '2024-01-16' }, facts),
      ).kind,
    ).toBe('validation');
  });
});

describe('a milestone report, exactly', () => {
  const submitted = () => report({ status: 'submitted', submittedOn: '2023-11-10' });

  it('starts as a draft of the milestone, with no days', () => {
    expect(report()).toEqual({
      id: '01JC0Z6XKX2P4T3C8Y5W7QF9R1',
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      conceptId: CONCEPT_ID,
      milestoneId: '01JC0Z6XKX2P4T3C8Y5W7QF9M1',
      ...createMilestoneReportSchema.parse(reportBody()),
      status: 'draft',
      submittedOn: null,
      decidedOn: null,
    });
  });

  it('takes edits while a revision is requested, keeping the decision', () => {
    const sentBack = report({
      status: 'revision_requested',
      submittedOn: '2023-11-10',
      decidedOn: '2023-11-20',
    });
    expect(applyMilestoneReportUpdate(sentBack, { summary: 'Überarbeitet' }, facts)).toEqual({
      ...sentBack,
      summary: 'Überarbeitet',
      version: sentBack.version + 1,
      updatedAt: now.toISOString(),
    });
  });

  it('leaves the days of a draft empty when its text is edited', () => {
    expect(applyMilestoneReportUpdate(report(), { body: 'Neu' }, facts)).toMatchObject({
      submittedOn: null,
      decidedOn: null,
    });
  });

  it('refuses edits once submitted or accepted, naming the moves allowed', () => {
    expect(errorOf(() => applyMilestoneReportUpdate(submitted(), { body: 'Neu' }, facts))).toMatchObject({
      kind: 'conflict',
      message: 'A submitted report cannot be edited',
      extensions: { from: 'submitted', allowed: ['accepted', 'revision_requested'] },
    });
  });

  it('records the day a revision was requested, today unless given', () => {
    expect(applyMilestoneReportUpdate(submitted(), { status: 'revision_requested' }, facts)).toMatchObject({
      status: 'revision_requested',
      submittedOn: '2023-11-10',
      decidedOn: today,
    });
    expect(
      applyMilestoneReportUpdate(
        submitted(),
        { status: 'revision_requested', decidedOn: '2023-11-20' },
        facts,
      ).decidedOn,
    ).toBe('2023-11-20');
  });

  it('may be decided on the day it was submitted, not a day before', () => {
    expect(
      applyMilestoneReportUpdate(submitted(), { status: 'accepted', decidedOn: '2023-11-10' }, facts)
        .decidedOn,
    ).toBe('2023-11-10');
    expect(
      errorOf(() =>
        applyMilestoneReportUpdate(submitted(), { status: 'accepted', decidedOn: '2023-11-09' }, facts),
      ),
    ).toMatchObject({
      kind: 'validation',
      message: 'The milestone report is not valid',
      errors: [{ path: 'decidedOn', message: 'must not be before the submission on 2023-11-10' }],
    });
  });

  it('takes a decision day only with a decision, and a submission day only with a submission', () => {
    expect(
      errorOf(() => applyMilestoneReportUpdate(report(), { status: 'submitted', decidedOn: today }, facts))
        .errors,
    ).toEqual([{ path: 'decidedOn', message: 'only when accepting or requesting a revision' }]);
    expect(
      errorOf(() => applyMilestoneReportUpdate(report(), { summary: 'X', decidedOn: today }, facts)).errors,
    ).toEqual([{ path: 'decidedOn', message: 'only when accepting or requesting a revision' }]);
    expect(
      errorOf(() =>
        applyMilestoneReportUpdate(submitted(), { status: 'accepted', submittedOn: today }, facts),
      ).errors,
    ).toEqual([{ path: 'submittedOn', message: 'only when submitting' }]);
  });

  it('takes today for either day, never tomorrow', () => {
    expect(
      applyMilestoneReportUpdate(report(), { status: 'submitted', submittedOn: today }, facts).submittedOn,
    ).toBe(today);
    expect(
      errorOf(() =>
        applyMilestoneReportUpdate(report(), { status: 'submitted', submittedOn: '2024-01-16' }, facts),
      ).errors,
    ).toEqual([{ path: 'submittedOn', message: 'must not be in the future' }]);
    expect(
      errorOf(() =>
        applyMilestoneReportUpdate(submitted(), { status: 'accepted', decidedOn: '2024-01-16' }, facts),
      ).errors,
    ).toEqual([{ path: 'decidedOn', message: 'must not be in the future' }]);
  });

  it('names the refused move in the problem', () => {
    expect(errorOf(() => applyMilestoneReportUpdate(report(), { status: 'accepted' }, facts)).message).toBe(
      'A milestone report cannot go from draft to accepted',
    );
  });
});

describe('the report deadline of each milestone', () => {
  it('is closed only by a report on that milestone', () => {
    const other = milestone({ id: 'M2', title: 'Jugendforen', reportDueOn: '2023-10-31' });
    const deadlines = conceptDeadlines(
      concept(),
      [milestone(), other],
      [{ milestoneId: 'M2', status: 'submitted' }],
    );
    expect(deadlines.map((deadline) => [deadline.id, deadline.status])).toEqual([
      [`${CONCEPT_ID}.milestone_due.01JC0Z6XKX2P4T3C8Y5W7QF9M1`, 'open'],
      [`${CONCEPT_ID}.milestone_report_due.01JC0Z6XKX2P4T3C8Y5W7QF9M1`, 'open'],
      [`${CONCEPT_ID}.milestone_due.M2`, 'open'],
      [`${CONCEPT_ID}.milestone_report_due.M2`, 'done'],
    ]);
  });
});
