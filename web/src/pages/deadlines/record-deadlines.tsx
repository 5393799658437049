import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { allPages, ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Deadline } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatMoney, todayInBerlin } from '../../format/german.ts';
import { SuccessNotice } from '../../forms/form-problem.tsx';
import { DEADLINE_KIND } from '../../labels.ts';
import { keepInView } from '../../layout/keep-in-view.ts';
import { LoadFailed, Loading } from '../../layout/page.tsx';
import {
  canBeDone,
  deadlineAnchor,
  deadlineElementId,
  describeOffsets,
  mayManage,
  statusOf,
} from './deadline-actions.ts';
import { DoneForm, ReminderForm } from './deadline-forms.tsx';

type SubjectType = Deadline['subject']['type'];

/** Query key of one record's deadlines; under `['deadlines']`, which every write on a record refreshes. */
export const recordDeadlinesKey = (type: SubjectType, id: string) =>
  ['deadlines', 'record', type, id] as const;

function DeadlineItem({ deadline, today }: { deadline: Deadline; today: string }) {
  const { person } = useApp();
  const titleId = useId();
  const item = useRef<HTMLLIElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = mayManage(deadline, person);
  const status = statusOf(deadline, today);
  const open = deadline.status === 'open';
  return (
    <li
      className="deadline"
      id={deadlineElementId(deadline)}
      tabIndex={-1}
      ref={item}
      aria-labelledby={titleId}
    >
      <h3 className="kern-heading-small deadline__title" id={titleId}>
        {`${formatDate(deadline.dueOn)} · ${DEADLINE_KIND[deadline.kind]}`}
        {deadline.nature === 'event' ? (
          <span className="kern-badge kern-badge--info deadline__badge">Termin</span>
        ) : null}
      </h3>
      <p className="kern-body">
        {'Status: '}
        <span className={`kern-badge ${status.badge}`}>{status.text}</span>
      </p>
      <p className="kern-body">{`Verantwortlich: ${deadline.owner.name}`}</p>
      {deadline.amountCents !== undefined ? (
        <p className="kern-body">{`Betrag: ${formatMoney(deadline.amountCents)}`}</p>
      ) : null}
      {deadline.kind === 'spend_by' ? (
        <p className="kern-body">{`Zinsen im Risiko (bis heute): ${formatMoney(deadline.interestAtRiskCents)}`}</p>
      ) : null}
      <SuccessNotice>{notice}</SuccessNotice>
      {open && manage ? (
        <ReminderForm deadline={deadline} titleId={titleId} onSaved={setNotice} />
      ) : open ? (
        <p className="kern-body">{`Erinnerung: ${describeOffsets(deadline.reminderOffsets)}`}</p>
      ) : null}
      {manage && canBeDone(deadline) ? (
        <DoneForm
          deadline={deadline}
          titleId={titleId}
          onDone={(message) => {
            setNotice(message);
            item.current?.focus();
          }}
        />
      ) : null}
    </li>
  );
}

/**
 * "Fristen" of one record (application, position, task, concept): each deadline at
 * `#frist-<id>`, the address e-mails and calendar entries link to. Its owner or an admin sets
 * its reminder days and marks a duty done here; everyone else reads them. A page opened at such
 * an address scrolls to the deadline once the list is there and moves focus to it.
 */
export function RecordDeadlines({ subjectType, subjectId }: { subjectType: SubjectType; subjectId: string }) {
  const { api } = useApp();
  const today = todayInBerlin();
  const deadlines = useQuery({
    queryKey: recordDeadlinesKey(subjectType, subjectId),
    queryFn: async () => {
      const items = await allPages((cursor) =>
        ok(
          api.GET('/v1/deadlines', {
            params: { query: { subjectType, subjectId, limit: 100, cursor } },
          }),
        ),
      );
      return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
    },
  });
  const landed = useRef<string | null>(null);
  useEffect(() => {
    if (!deadlines.data) return;
    const anchor = deadlineAnchor(window.location.hash);
    if (!anchor || landed.current === anchor) return;
    // After this render's other effects: the page moves focus to its heading when it opens.
    let stopKeeping: (() => void) | undefined;
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(anchor);
      if (!element) return;
      landed.current = anchor;
      element.focus({ preventScroll: true });
      stopKeeping = keepInView(element);
    });
    return () => {
      cancelAnimationFrame(frame);
      stopKeeping?.();
    };
  }, [deadlines.data]);
  return (
    <section aria-labelledby="fristen-titel" className="panel" id="fristen">
      <h2 className="kern-heading-medium" id="fristen-titel">
        Fristen
      </h2>
      {deadlines.isPending ? <Loading what="Die Fristen" /> : null}
      {deadlines.isError ? <LoadFailed reason={reasonOf(deadlines.error)} /> : null}
      {deadlines.data?.length === 0 ? <p className="kern-body">Keine Fristen.</p> : null}
      {deadlines.data?.length ? (
        <ul className="deadline-list">
          {deadlines.data.map((deadline) => (
            <DeadlineItem key={deadline.id} deadline={deadline} today={today} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
