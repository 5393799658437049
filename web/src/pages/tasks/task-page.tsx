import { Link } from 'wouter';
import { reasonOf } from '../../api/problem.ts';
import type { ProgressEntry, Task } from '../../api/types.ts';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatPercent,
  todayInBerlin,
} from '../../format/german.ts';
import { TASK_AREA, TASK_STATUS } from '../../labels.ts';
import { Detail, Details } from '../../layout/details.tsx';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { RecordPage } from '../../layout/record-page.tsx';
import { RecordDeadlines } from '../deadlines/record-deadlines.tsx';
import { isOverdue } from './overdue.ts';
import { ProgressForm } from './progress-form.tsx';
import { useProgressLog, useTask } from './task-queries.ts';

function TaskDetails({ task }: { task: Task }) {
  return (
    <Details>
      <Detail term="Status">{TASK_STATUS[task.status]}</Detail>
      <Detail term="Fortschritt">{formatPercent(task.percent)}</Detail>
      <Detail term="Fällig am">
        {task.dueOn ? formatDate(task.dueOn) : 'ohne Fälligkeit'}
        {isOverdue(task, todayInBerlin()) ? (
          <span className="kern-badge kern-badge--danger overdue-badge">überfällig</span>
        ) : null}
      </Detail>
      <Detail term="Bereich">{TASK_AREA[task.area]}</Detail>
      <Detail term="Zuständig">{`${task.assignee.name} (${task.assignee.email})`}</Detail>
      <Detail term="Stunden bisher">{formatDecimal(task.hoursTotal)}</Detail>
      {task.blockedReason ? <Detail term="Blockiert, weil">{task.blockedReason}</Detail> : null}
      {task.conceptId ? (
        <Detail term="Konzept">
          <Link href={`/konzepte/${task.conceptId}`} className="kern-link">
            Zum Stadtteilentwicklungskonzept
          </Link>
        </Detail>
      ) : null}
      {task.description ? <Detail term="Beschreibung">{task.description}</Detail> : null}
    </Details>
  );
}

function ProgressLog({ entries }: { entries: ProgressEntry[] }) {
  if (entries.length === 0) return <p className="kern-body">Noch kein Fortschritt eingetragen.</p>;
  return (
    <ol className="progress-log" aria-label="Einträge, neueste zuerst">
      {entries.map((entry) => (
        <li key={entry.id} className="progress-log__entry">
          <p className="kern-body kern-body--bold">
            {`${formatDate(entry.on)}: ${formatPercent(entry.percent)}`}
            {entry.hours !== null ? `, ${formatDecimal(entry.hours)} Std.` : ''}
            {entry.statusChange
              ? `, ${TASK_STATUS[entry.statusChange.from]} → ${TASK_STATUS[entry.statusChange.to]}`
              : ''}
          </p>
          <p className="kern-body progress-log__note">{entry.note}</p>
          <p className="kern-body kern-body--small kern-body--muted">
            {`eingetragen ${formatDateTime(entry.recordedAt)}${entry.recordedBy.email ? ` von ${entry.recordedBy.email}` : ''}`}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** One task: its details, the progress log newest first, and the form to log progress. */
export function TaskPage({ id }: { id: string }) {
  return (
    <RecordPage query={useTask(id)} title="Aufgabe" what="Die Aufgabe">
      {(task) => <TaskView task={task} />}
    </RecordPage>
  );
}

function TaskView({ task }: { task: Task }) {
  const log = useProgressLog(task.id);
  return (
    <Page title={task.title}>
      <p className="kern-body">
        <Link href="/aufgaben" className="kern-link">
          Zurück zu Meine Aufgaben
        </Link>
      </p>
      <div className="two-columns">
        <div>
          <TaskDetails task={task} />
          <RecordDeadlines subjectType="task" subjectId={task.id} />
          <ProgressForm task={task} />
        </div>
        <section aria-labelledby="verlauf-titel" className="panel">
          <h2 className="kern-heading-medium" id="verlauf-titel">
            Verlauf
          </h2>
          {log.isPending ? <Loading what="Der Verlauf" /> : null}
          {log.isError ? <LoadFailed reason={reasonOf(log.error)} /> : null}
          {log.data ? <ProgressLog entries={log.data} /> : null}
        </section>
      </div>
    </Page>
  );
}
