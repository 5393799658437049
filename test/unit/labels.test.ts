import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../shared/domain/application.ts';
import { DEADLINE_KINDS } from '../../shared/domain/deadline.ts';
import { APPLICATION_STATUS_LABELS, DEADLINE_KIND_LABELS } from '../../shared/domain/labels.ts';

describe('codes people read are German words', () => {
  it('names every deadline kind and application status in German, never by its code', () => {
    for (const kind of DEADLINE_KINDS) expect(DEADLINE_KIND_LABELS[kind]).not.toMatch(/_|^[a-z]+$/);
    for (const status of APPLICATION_STATUSES) expect(APPLICATION_STATUS_LABELS[status]).not.toBe(status);
    expect(APPLICATION_STATUS_LABELS.approved).toBe('bewilligt');
    expect(DEADLINE_KIND_LABELS.spend_by).toBe('Mittelverwendung');
  });
});
