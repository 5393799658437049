import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { TASKS_RENDERED } from '../../../performance-marks.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Task } from '../../api/types.ts';
import { formatDate, formatPercent, todayInBerlin } from '../../format/german.ts';
import { SelectField } from '../../forms/fields.tsx';
import { optionsOf, TASK_STATUS } from '../../labels.ts';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { LinkCell, NumericCell, OverdueBadge, Table } from '../../layout/table.tsx';
import { ACTIVE_STATUSES, isOverdue } from './overdue.ts';
import { useMyTasks } from './task-queries.ts';

/** The filter's choices: the unfinished ones (the default), all, or one status. */
const ACTIVE = 'aktiv';
const ALL = 'alle';
const FILTERS: [string, string][] = [
  [ACTIVE, 'Offen, in Arbeit oder blockiert'],
  [ALL, 'Alle'],
  ...optionsOf(TASK_STATUS),
];

const matches = (filter: string) => (task: Task) =>
  filter === ALL ? true : filter === ACTIVE ? ACTIVE_STATUSES.includes(task.status) : task.status === filter;

function TaskRow({ task, today }: { task: Task; today: string }) {
  const overdue = isOverdue(task, today);
  return (
    <tr className={`kern-table__row${overdue ? ' task-row--overdue' : ''}`}>
      <LinkCell href={`/aufgaben/${task.id}`}>{task.title}</LinkCell>
      <td className="kern-table__cell">{TASK_STATUS[task.status]}</td>
      <NumericCell>{formatPercent(task.percent)}</NumericCell>
      <td className="kern-table__cell">
        {task.dueOn ? formatDate(task.dueOn) : '–'}
        {overdue ? <OverdueBadge /> : null}
      </td>
    </tr>
  );
}

/** Where a coordinator lands: her tasks with status, percent and due date, the overdue ones marked. */
export function MyTasksPage() {
  const tasks = useMyTasks();
  const [, navigate] = useLocation();
  const filter = new URLSearchParams(useSearch()).get('status') ?? ACTIVE;
  const today = todayInBerlin();
  const shown = (tasks.data ?? []).filter(matches(filter));

  useEffect(() => {
    // For `npm run bench`: the rows are painted once a frame has passed after this commit.
    if (tasks.data) requestAnimationFrame(() => setTimeout(() => performance.mark(TASKS_RENDERED), 0));
  }, [tasks.data]);

  return (
    <Page title="Meine Aufgaben">
      <div className="filter-bar">
        <SelectField
          id="status-filter"
          label="Status"
          value={filter}
          options={FILTERS}
          onChange={(value) =>
            navigate(value === ACTIVE ? '/aufgaben' : `/aufgaben?status=${value}`, { replace: true })
          }
        />
      </div>
      {tasks.isPending ? <Loading what="Ihre Aufgaben" /> : null}
      {tasks.isError ? <LoadFailed reason={reasonOf(tasks.error)} /> : null}
      {tasks.data ? (
        <>
          <p className="kern-body" role="status">
            {shown.length === 1 ? '1 Aufgabe' : `${shown.length} Aufgaben`}
          </p>
          {shown.length > 0 ? (
            <Table
              className="task-table"
              caption="Meine Aufgaben, nach Fälligkeit"
              columns={['Aufgabe', 'Status', { label: 'Fortschritt', numeric: true }, 'Fällig am']}
            >
              {shown.map((task) => (
                <TaskRow key={task.id} task={task} today={today} />
              ))}
            </Table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
