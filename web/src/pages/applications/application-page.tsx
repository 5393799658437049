import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { allPages, ok } from '../../api/client.ts';
import type { Application } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { applicationDocuments } from '../../documents/document-targets.ts';
import { Documents } from '../../documents/documents.tsx';
import { formatDate, formatMoney } from '../../format/german.ts';
import { HistoryList } from '../../history/history-list.tsx';
import { APPLICATION_STATUS } from '../../labels.ts';
import { Detail, Details } from '../../layout/details.tsx';
import { Page } from '../../layout/page.tsx';
import { RecordPage } from '../../layout/record-page.tsx';
import { hasRole } from '../../roles.ts';
import { RecordDeadlines } from '../deadlines/record-deadlines.tsx';
import { ApplicationForm } from './application-form.tsx';
import { useApplication, useApplicationParts } from './application-queries.ts';
import { FundsCallsSection } from './funds-calls-section.tsx';
import { NoticesSection } from './notices-section.tsx';
import { BudgetSection, StatementsSection } from './statements-section.tsx';
import { StatusChange } from './status-change.tsx';

const period = (value: { start: string; end: string }) =>
  `${formatDate(value.start)} – ${formatDate(value.end)}`;

function ApplicationDetails({ application }: { application: Application }) {
  const { api } = useApp();
  const programs = useQuery({
    queryKey: ['programs'],
    queryFn: () =>
      allPages((cursor) => ok(api.GET('/v1/programs', { params: { query: { limit: 100, cursor } } }))),
  });
  const program = programs.data?.find((candidate) => candidate.id === application.programId);
  return (
    <Details>
      <Detail term="Status">{APPLICATION_STATUS[application.status]}</Detail>
      <Detail term="Förderprogramm">{program?.name ?? '…'}</Detail>
      <Detail term="Zweck">{application.purpose}</Detail>
      <Detail term="Organisationseinheit">{application.orgUnit}</Detail>
      <Detail term="Beantragter Zeitraum">{period(application.fundingPeriod)}</Detail>
      {application.notice ? (
        <Detail term="Bewilligungszeitraum">{period(application.notice.fundingPeriod)}</Detail>
      ) : null}
      <Detail term="Zuwendungsfähige Ausgaben">{formatMoney(application.eligibleCostsCents)}</Detail>
      <Detail term="Beantragt">{formatMoney(application.requestedCents)}</Detail>
      <Detail term="Eigenanteil">{formatMoney(application.ownContributionCents)}</Detail>
      {application.notice ? (
        <>
          <Detail term="Bewilligt">{formatMoney(application.approvedCents)}</Detail>
          <Detail term="Abgerufen">{formatMoney(application.calledCents)}</Detail>
          <Detail term="Noch abrufbar">{formatMoney(application.availableCents)}</Detail>
        </>
      ) : null}
      {application.submissionDeadline ? (
        <Detail term="Einreichungsfrist">{formatDate(application.submissionDeadline)}</Detail>
      ) : null}
      {application.repaymentClaimCents !== null ? (
        <Detail term="Rückforderung">{formatMoney(application.repaymentClaimCents)}</Detail>
      ) : null}
      <Detail term="Verantwortlich">{`${application.owner.name} (${application.owner.email})`}</Detail>
    </Details>
  );
}

/** One application: its data, status changes, notices, funds calls, budget, statements, documents, history. */
export function ApplicationPage({ id }: { id: string }) {
  return (
    <RecordPage query={useApplication(id)} title="Antrag" what="Der Antrag">
      {(application) => <ApplicationView application={application} />}
    </RecordPage>
  );
}

function ApplicationView({ application }: { application: Application }) {
  const { api, person } = useApp();
  const parts = useApplicationParts(application.id);
  const canWrite = hasRole(person.roles, 'finance', 'admin');
  return (
    <Page title={application.title}>
      <p className="kern-body">
        <Link href="/antraege" className="kern-link">
          Zurück zu den Anträgen
        </Link>
      </p>
      <ApplicationDetails application={application} />
      <RecordDeadlines subjectType="application" subjectId={application.id} />
      {canWrite ? <StatusChange application={application} /> : null}
      {canWrite && application.status === 'draft' ? (
        <section className="panel">
          <ApplicationForm key={application.version} application={application} />
        </section>
      ) : null}
      <NoticesSection application={application} notices={parts.notices} canWrite={canWrite} />
      <FundsCallsSection application={application} calls={parts.calls} canWrite={canWrite} />
      <BudgetSection budget={parts.budget} />
      <StatementsSection application={application} reports={parts.reports} canWrite={canWrite} />
      <div className="panel">
        <Documents
          target={applicationDocuments(api, application.id)}
          heading="Dokumente zum Antrag"
          headingLevel="h2"
          defaultKind="other"
          canUpload={canWrite}
        />
      </div>
      <HistoryList query={parts.history} id="antrag-verlauf" />
    </Page>
  );
}

/** A new application, recorded as a draft; on success the app opens its page. */
export function NewApplicationPage() {
  return (
    <Page title="Neuer Antrag">
      <p className="kern-body">
        <Link href="/antraege" className="kern-link">
          Zurück zu den Anträgen
        </Link>
      </p>
      <ApplicationForm />
    </Page>
  );
}
