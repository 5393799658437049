import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ifMatch, ok } from '../../api/client.ts';
import { reasonOf } from '../../api/problem.ts';
import type { Application } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { noticeDocuments } from '../../documents/document-targets.ts';
import { Documents } from '../../documents/documents.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, SuccessNotice } from '../../forms/form-problem.tsx';
import { useDraft } from '../../forms/use-draft.ts';
import { LoadFailed, Loading } from '../../layout/page.tsx';
import { type ApplicationParts, refreshApplication } from './application-queries.ts';
import { compareNotices } from './notice-comparison.ts';
import { NoticeFields, noticeBody, noticeFieldMap, noticeStart } from './notice-fields.tsx';

const AMENDMENT_FIELDS = noticeFieldMap('', 'aenderung');

/** Records an Änderungsbescheid as a new notice version (If-Match with the application's version). */
function AmendmentForm({ application }: { application: Application }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [initial] = useState(() => noticeStart(application));
  const draft = useDraft(`aenderung:${application.id}`, initial);
  const [done, setDone] = useState<string | null>(null);
  const amend = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/applications/{id}/amendments', {
          params: { path: { id: application.id }, header: ifMatch(application.version) },
          body: noticeBody(draft.values),
        }),
      ),
    onMutate: () => setDone(null),
    onSuccess: async (amended) => {
      draft.clear();
      setDone(`Änderungsbescheid erfasst: Version ${amended.notice?.version ?? ''}.`);
      await refreshApplication(queryClient, application.id);
    },
  });
  return (
    <Form onSubmit={() => amend.mutate()} labelledBy="aenderung-titel" className="panel">
      <h3 className="kern-heading-small" id="aenderung-titel">
        Änderungsbescheid erfassen
      </h3>
      <ErrorSummary
        error={amend.error}
        fields={AMENDMENT_FIELDS}
        title="Der Änderungsbescheid wurde nicht erfasst."
      />
      <SuccessNotice>{done}</SuccessNotice>
      <NoticeFields
        prefix=""
        fields={AMENDMENT_FIELDS}
        values={draft.values}
        set={(name, value) => draft.set(name, value)}
        error={amend.error}
      />
      <div>
        <button className="kern-btn kern-btn--primary" type="submit" disabled={amend.isPending}>
          <span className="kern-label">Änderungsbescheid erfassen</span>
        </button>
      </div>
    </Form>
  );
}

/** The notice versions side by side with what each changed, their documents, and the amendment form. */
export function NoticesSection({
  application,
  notices,
  canWrite,
}: {
  application: Application;
  notices: ApplicationParts['notices'];
  canWrite: boolean;
}) {
  const { api } = useApp();
  if (!application.notice && notices.data?.length === 0) return null;
  return (
    <section aria-labelledby="bescheide-titel" className="panel">
      <h2 className="kern-heading-medium" id="bescheide-titel">
        Bescheide
      </h2>
      {notices.isPending ? <Loading what="Die Bescheide" /> : null}
      {notices.isError ? <LoadFailed reason={reasonOf(notices.error)} /> : null}
      {notices.data?.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table notice-table">
            <caption className="kern-sr-only">
              Bescheid-Versionen nebeneinander; „geändert“ markiert, was eine Version gegenüber der vorigen
              ändert
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <td className="kern-table__header" />
                {notices.data.map((notice) => (
                  <th key={notice.version} scope="col" className="kern-table__header">
                    {`Version ${notice.version}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {compareNotices(notices.data).map((row) => (
                <tr key={row.label} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {row.label}
                  </th>
                  {row.values.map((value, index) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: one cell per notice version, in order
                      key={index}
                      className={`kern-table__cell${row.changed[index] ? ' notice-table__changed' : ''}`}
                    >
                      {value}
                      {row.differences[index] ? ` (${row.differences[index]})` : ''}
                      {row.changed[index] ? (
                        <span className="kern-badge kern-badge--info changed-badge">geändert</span>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {notices.data?.map((notice) => (
        <Documents
          key={notice.version}
          target={noticeDocuments(api, application.id, notice.version)}
          heading={`Dokumente zu Version ${notice.version} (${notice.reference})`}
          headingLevel="h3"
          defaultKind="notice"
          canUpload={canWrite}
        />
      ))}
      {canWrite && application.status === 'approved' ? <AmendmentForm application={application} /> : null}
    </section>
  );
}
