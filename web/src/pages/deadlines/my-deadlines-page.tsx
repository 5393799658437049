import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { allPages, ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Deadline } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { addMonths, formatDate, formatMoney, monthOf, todayInBerlin } from '../../format/german.ts';
import { DEADLINE_KIND } from '../../labels.ts';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { CalendarFeed } from './calendar-feed.tsx';
import { groupDeadlines } from './group-deadlines.ts';

/** Overdue deadlines are looked for this far back (as far as the reminders look). */
const LOOKBACK_MONTHS = 24;

function DeadlineItem({ deadline }: { deadline: Deadline }) {
  const page = deadline.subject.page;
  return (
    <li className="deadline">
      <p className="kern-body kern-body--bold">{`${formatDate(deadline.dueOn)} · ${DEADLINE_KIND[deadline.kind]}`}</p>
      <p className="kern-body">
        {page ? (
          <Link href={page} className="kern-link">
            {deadline.subject.title}
          </Link>
        ) : (
          deadline.subject.title
        )}
        {deadline.amountCents !== undefined ? ` · ${formatMoney(deadline.amountCents)}` : ''}
      </p>
    </li>
  );
}

/** The person's open deadlines: overdue first, then this month and the next. */
export function MyDeadlinesPage() {
  const { api, person } = useApp();
  const today = todayInBerlin();
  const until = monthOf(addMonths(today, 1)).end;
  const deadlines = useQuery({
    queryKey: ['deadlines', person.email, today],
    queryFn: () =>
      allPages((cursor) =>
        ok(
          api.GET('/v1/deadlines', {
            params: {
              query: {
                owner: person.email,
                status: 'open',
                from: addMonths(today, -LOOKBACK_MONTHS),
                to: until,
                limit: 100,
                cursor,
              },
            },
          }),
        ),
      ),
  });
  return (
    <Page title="Meine Fristen">
      {deadlines.isPending ? <Loading what="Ihre Fristen" /> : null}
      {deadlines.isError ? <LoadFailed reason={reasonOf(deadlines.error)} /> : null}
      {deadlines.data
        ? groupDeadlines(deadlines.data, today).map((group) => (
            <section key={group.id} aria-labelledby={`fristen-${group.id}`} className="deadline-group">
              <h2 className="kern-heading-medium" id={`fristen-${group.id}`}>
                {`${group.title}: ${group.deadlines.length}`}
              </h2>
              {group.deadlines.length > 0 ? (
                <ul className="deadline-list">
                  {group.deadlines.map((deadline) => (
                    <DeadlineItem key={deadline.id} deadline={deadline} />
                  ))}
                </ul>
              ) : (
                <p className="kern-body">Keine.</p>
              )}
            </section>
          ))
        : null}
      <CalendarFeed />
    </Page>
  );
}
