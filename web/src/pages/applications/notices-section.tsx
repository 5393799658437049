import { useQueryClient } from '@tanstack/react-query';
import { ifMatch, ok } from '../../api/client.ts';
import type { Application } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { noticeDocuments } from '../../documents/document-targets.ts';
import { Documents } from '../../documents/documents.tsx';
import { DraftForm, useDraftForm } from '../../forms/draft-form.tsx';
import { QueryList } from '../../layout/page.tsx';
import { Panel } from '../../layout/panel.tsx';
import { Table } from '../../layout/table.tsx';
import { type ApplicationParts, refreshApplication } from './application-queries.ts';
import { compareNotices } from './notice-comparison.ts';
import { NoticeFields, noticeBody, noticeFieldMap, noticeStart } from './notice-fields.tsx';

const AMENDMENT_FIELDS = noticeFieldMap('', 'aenderung');

/** Records an Änderungsbescheid as a new notice version (If-Match with the application's version). */
function AmendmentForm({ application }: { application: Application }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const form = useDraftForm({
    draftKey: `aenderung:${application.id}`,
    initial: () => noticeStart(application),
    fields: AMENDMENT_FIELDS,
    send: (values) =>
      ok(
        api.POST('/v1/applications/{id}/amendments', {
          params: { path: { id: application.id }, header: ifMatch(application.version) },
          body: noticeBody(values),
        }),
      ),
    done: (amended) => `Änderungsbescheid erfasst: Version ${amended.notice?.version ?? ''}.`,
    refresh: () => refreshApplication(queryClient, application.id),
  });
  const { draft, request } = form;
  return (
    <DraftForm
      id="aenderung-titel"
      level="h3"
      title="Änderungsbescheid erfassen"
      form={form}
      refused="Der Änderungsbescheid wurde nicht erfasst."
      onSubmit={() => request.mutate()}
    >
      <NoticeFields
        prefix=""
        fields={AMENDMENT_FIELDS}
        values={draft.values}
        set={(name, value) => draft.set(name, value)}
        error={request.error}
      />
    </DraftForm>
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
    <Panel id="bescheide" title="Bescheide">
      <QueryList query={notices} what="Die Bescheide">
        {(items) => (
          <Table
            className="notice-table"
            caption="Bescheid-Versionen nebeneinander; „geändert“ markiert, was eine Version gegenüber der vorigen ändert"
            head={
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <td className="kern-table__header" />
                  {items.map((notice) => (
                    <th key={notice.version} scope="col" className="kern-table__header">
                      {`Version ${notice.version}`}
                    </th>
                  ))}
                </tr>
              </thead>
            }
          >
            {compareNotices(items).map((row) => (
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
          </Table>
        )}
      </QueryList>
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
    </Panel>
  );
}
