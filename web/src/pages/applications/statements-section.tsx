import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Application, Statement } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatMoney, germanDateToIso, todayInBerlin } from '../../format/german.ts';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../../forms/form-problem.tsx';
import { optional } from '../../forms/submitted.ts';
import { useDraft } from '../../forms/use-draft.ts';
import { STATEMENT_STATUS } from '../../labels.ts';
import { LoadFailed, Loading } from '../../layout/page.tsx';
import { TableHead } from '../../layout/table-head.tsx';
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
  const [initial] = useState(() => ({ reportId: '', status: '', submittedOn: formatDate(todayInBerlin()) }));
  const draft = useDraft(`nachweis:${application.id}`, initial);
  const [done, setDone] = useState<string | null>(null);
  const chosen = open.find((statement) => statement.id === draft.values.reportId) ?? open[0];
  const moves = chosen ? NEXT[chosen.status] : [];
  const status = moves.find((move) => move === draft.values.status) ?? moves[0];
  const update = useMutation({
    mutationFn: (statement: Statement) =>
      ok(
        api.PATCH('/v1/applications/{id}/reports/{reportId}', {
          params: {
            path: { id: application.id, reportId: statement.id },
            header: ifMatch(statement.version),
          },
          body: {
            status: status ?? 'submitted',
            ...(status === 'submitted'
              ? { submittedOn: optional<string>(draft.values.submittedOn, germanDateToIso) }
              : {}),
          },
        }),
      ),
    onMutate: () => setDone(null),
    onSuccess: async (statement) => {
      draft.clear();
      setDone(`${nameOf(statement)}: ${STATEMENT_STATUS[statement.status]}.`);
      await refreshApplication(queryClient, application.id);
    },
  });
  if (!chosen) return <SuccessNotice>{done}</SuccessNotice>;
  return (
    <Form onSubmit={() => update.mutate(chosen)} labelledBy="nachweis-form-titel" className="panel">
      <h3 className="kern-heading-small" id="nachweis-form-titel">
        Nachweis fortschreiben
      </h3>
      <ErrorSummary error={update.error} fields={FIELDS} title="Der Nachweis wurde nicht fortgeschrieben." />
      <SuccessNotice>{done}</SuccessNotice>
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
        {...FIELDS.status!}
        value={status ?? ''}
        options={moves.map((move) => [move, STATEMENT_STATUS[move]] as const)}
        onChange={(value) => draft.set('status', value)}
        errors={errorsFor(update.error, 'status')}
      />
      {status === 'submitted' ? (
        <TextField
          {...FIELDS.submittedOn!}
          hint="TT.MM.JJJJ"
          inputMode="numeric"
          value={draft.values.submittedOn}
          onChange={(value) => draft.set('submittedOn', value)}
          errors={errorsFor(update.error, 'submittedOn')}
        />
      ) : null}
      <div>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={update.isPending}>
          <span className="kern-label">Nachweis fortschreiben</span>
        </button>
      </div>
    </Form>
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
    <section aria-labelledby="nachweise-titel" className="panel" id="nachweise">
      <h2 className="kern-heading-medium" id="nachweise-titel">
        Verwendungsnachweise
      </h2>
      {reports.isPending ? <Loading what="Die Nachweise" /> : null}
      {reports.isError ? <LoadFailed reason={reasonOf(reports.error)} /> : null}
      {reports.data?.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Zwischen- und Verwendungsnachweise mit Fälligkeit</caption>
            <TableHead columns={['Nachweis', 'Fällig am', 'Stand', 'Eingereicht am']} />
            <tbody className="kern-table__body">
              {reports.data.map((statement) => (
                <tr key={statement.id} className="kern-table__row">
                  <td className="kern-table__cell">{nameOf(statement)}</td>
                  <td className="kern-table__cell">
                    {formatDate(statement.dueOn)}
                    {NEXT[statement.status].includes('submitted') && statement.dueOn < today ? (
                      <span className="kern-badge kern-badge--danger overdue-badge">überfällig</span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell">{STATEMENT_STATUS[statement.status]}</td>
                  <td className="kern-table__cell">
                    {statement.submittedOn ? formatDate(statement.submittedOn) : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canWrite && reports.data ? (
        <StatementForm application={application} statements={reports.data} />
      ) : null}
    </section>
  );
}

/** Approved, called, spent and still to call per budget year of the notice in force. */
export function BudgetSection({ budget }: { budget: ApplicationParts['budget'] }) {
  if (budget.data?.length === 0) return null;
  return (
    <section aria-labelledby="haushalt-titel" className="panel">
      <h2 className="kern-heading-medium" id="haushalt-titel">
        Haushaltsjahre
      </h2>
      {budget.isPending ? <Loading what="Die Haushaltsjahre" /> : null}
      {budget.isError ? <LoadFailed reason={reasonOf(budget.error)} /> : null}
      {budget.data?.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">
              Bewilligt, abgerufen, verwendet und noch abrufbar je Haushaltsjahr
            </caption>
            <TableHead
              columns={[
                'Haushaltsjahr',
                { label: 'Bewilligt', numeric: true },
                { label: 'Abgerufen', numeric: true },
                { label: 'Verwendet', numeric: true },
                { label: 'Noch abrufbar', numeric: true },
              ]}
            />
            <tbody className="kern-table__body">
              {budget.data.map((year) => (
                <tr key={year.year} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {year.year}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(year.approvedCents)}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(year.calledCents)}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(year.spentCents)}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatMoney(year.remainingCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
