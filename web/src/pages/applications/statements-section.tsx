import { useQueryClient } from '@tanstack/react-query';
import { ifMatch, ok } from '../../api/client.ts';
import type { Application, Statement } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, germanDateToIso, todayInBerlin } from '../../format/german.ts';
import { DraftForm, useDraftForm } from '../../forms/draft-form.tsx';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { optional } from '../../forms/submitted.ts';
import { STATEMENT_STATUS } from '../../labels.ts';
import { QueryList } from '../../layout/page.tsx';
import { Panel } from '../../layout/panel.tsx';
import { MONEY_COLUMNS, OverdueBadge, Table, YearRow } from '../../layout/table.tsx';
import { type ApplicationParts, refreshApplication } from './application-queries.ts';

const nameOf = (statement: Statement) =>
  statement.kind === 'final' ? 'Verwendungsnachweis' : `Zwischennachweis ${statement.budgetYear}`;

/** What a statement of use can move to next; the API decides. */
const NEXT: Record<Statement['status'], ('submitted' | 'accepted' | 'rejected')[]> = {
  due: ['submitted'],
  rejected: ['submitted'],
  submitted: ['accepted', 'rejected'],
  accepted: [],
  cancelled: [],
};

const FIELDS: FieldMap = {
  reportId: { id: 'nachweis-wahl', label: 'Nachweis' },
  status: { id: 'nachweis-stand', label: 'Neuer Stand' },
  submittedOn: { id: 'nachweis-eingereicht', label: 'Eingereicht am' },
};

/** Marks a statement of use submitted (on a day), accepted or rejected; If-Match names its version. */
function StatementForm({ application, statements }: { application: Application; statements: Statement[] }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const open = statements.filter((statement) => NEXT[statement.status].length > 0);
  const chosenOf = (reportId: string) => open.find((statement) => statement.id === reportId) ?? open[0];
  const movesOf = (statement: Statement | undefined) => (statement ? NEXT[statement.status] : []);
  const statusOf = (values: { reportId: string; status: string }) => {
    const moves = movesOf(chosenOf(values.reportId));
    return moves.find((move) => move === values.status) ?? moves[0];
  };
  const form = useDraftForm({
    draftKey: `nachweis:${application.id}`,
    initial: () => ({ reportId: '', status: '', submittedOn: formatDate(todayInBerlin()) }),
    fields: FIELDS,
    send: (values, statement: Statement) => {
      const status = statusOf(values);
      return ok(
        api.PATCH('/v1/applications/{id}/reports/{reportId}', {
          params: {
            path: { id: application.id, reportId: statement.id },
            header: ifMatch(statement.version),
          },
          body: {
            status: status ?? 'submitted',
            ...(status === 'submitted'
              ? { submittedOn: optional<string>(values.submittedOn, germanDateToIso) }
              : {}),
          },
        }),
      );
    },
    done: (statement) => `${nameOf(statement)}: ${STATEMENT_STATUS[statement.status]}.`,
    refresh: () => refreshApplication(queryClient, application.id),
  });
  const { draft, field, request, done } = form;
  const chosen = chosenOf(draft.values.reportId);
  if (!chosen) return <SuccessNotice>{done}</SuccessNotice>;
  const status = statusOf(draft.values);
  return (
    <DraftForm
      id="nachweis-form-titel"
      level="h3"
      title="Nachweis fortschreiben"
      form={form}
      refused="Der Nachweis wurde nicht fortgeschrieben."
      onSubmit={() => request.mutate(chosen)}
    >
      <SelectField
        {...FIELDS.reportId!}
        value={chosen.id}
        options={open.map(
          (statement) =>
            [statement.id, `${nameOf(statement)} (fällig ${formatDate(statement.dueOn)})`] as const,
        )}
        onChange={(value) => draft.set('reportId', value)}
      />
      <SelectField
        {...field('status')}
        value={status ?? ''}
        options={movesOf(chosen).map((move) => [move, STATEMENT_STATUS[move]] as const)}
      />
      {status === 'submitted' ? (
        <TextField {...field('submittedOn')} hint="TT.MM.JJJJ" inputMode="numeric" />
      ) : null}
    </DraftForm>
  );
}

/** Interim and final statements of use with their due dates and submission. */
export function StatementsSection({
  application,
  reports,
  canWrite,
}: {
  application: Application;
  reports: ApplicationParts['reports'];
  canWrite: boolean;
}) {
  if (!application.notice) return null;
  const today = todayInBerlin();
  return (
    <Panel id="nachweise" title="Verwendungsnachweise" anchor="nachweise">
      <QueryList query={reports} what="Die Nachweise">
        {(items) => (
          <Table
            caption="Zwischen- und Verwendungsnachweise mit Fälligkeit"
            columns={['Nachweis', 'Fällig am', 'Stand', 'Eingereicht am']}
          >
            {items.map((statement) => (
              <tr key={statement.id} className="kern-table__row">
                <td className="kern-table__cell">{nameOf(statement)}</td>
                <td className="kern-table__cell">
                  {formatDate(statement.dueOn)}
                  {NEXT[statement.status].includes('submitted') && statement.dueOn < today ? (
                    <OverdueBadge />
                  ) : null}
                </td>
                <td className="kern-table__cell">{STATEMENT_STATUS[statement.status]}</td>
                <td className="kern-table__cell">
                  {statement.submittedOn ? formatDate(statement.submittedOn) : '–'}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </QueryList>
      {canWrite && reports.data ? (
        <StatementForm application={application} statements={reports.data} />
      ) : null}
    </Panel>
  );
}

/** Approved, called, spent and still to call per budget year of the notice in force. */
export function BudgetSection({ budget }: { budget: ApplicationParts['budget'] }) {
  if (budget.data?.length === 0) return null;
  return (
    <Panel id="haushalt" title="Haushaltsjahre">
      <QueryList query={budget} what="Die Haushaltsjahre">
        {(items) => (
          <Table
            caption="Bewilligt, abgerufen, verwendet und noch abrufbar je Haushaltsjahr"
            columns={['Haushaltsjahr', ...MONEY_COLUMNS]}
          >
            {items.map((year) => (
              <YearRow key={year.year} year={year} />
            ))}
          </Table>
        )}
      </QueryList>
    </Panel>
  );
}
