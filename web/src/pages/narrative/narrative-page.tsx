import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { allPages, ok } from '../../api/client.ts';
import { ApiProblem, reasonOf } from '../../api/problem.ts';
import type { Problem } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, germanDateToIso, todayInBerlin } from '../../format/german.ts';
import { CopyButton } from '../../forms/copy-button.tsx';
import { SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { Form } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap } from '../../forms/form-problem.tsx';
import { LoadFailed, Page } from '../../layout/page.tsx';

const FIELDS: FieldMap = {
  id: { id: 'sachbericht-stelle', label: 'Stelle' },
  from: { id: 'sachbericht-von', label: 'Von' },
  to: { id: 'sachbericht-bis', label: 'Bis' },
};

/** The chosen position and period live in the address, so a Sachbericht can be bookmarked and shared. */
function useChoice() {
  const params = new URLSearchParams(useSearch());
  const year = todayInBerlin().slice(0, 4);
  return {
    position: params.get('stelle') ?? '',
    from: params.get('von') ?? `${year}-01-01`,
    to: params.get('bis') ?? todayInBerlin(),
    requested: params.has('stelle'),
  };
}

/** Offers the Markdown as a file; the link lives only as long as the click. */
function downloadMarkdown(markdown: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The draft Sachbericht of a position for a period: to copy or download as Markdown. */
export function NarrativePage() {
  const { api } = useApp();
  const [, navigate] = useLocation();
  const choice = useChoice();
  const [form, setForm] = useState({
    position: choice.position,
    from: formatDate(choice.from),
    to: formatDate(choice.to),
  });
  const positions = useQuery({
    queryKey: ['positions'],
    queryFn: () =>
      allPages((cursor) => ok(api.GET('/v1/positions', { params: { query: { limit: 100, cursor } } }))),
  });
  const narrative = useQuery({
    queryKey: ['narrative', choice.position, choice.from, choice.to],
    enabled: choice.requested,
    retry: false,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/positions/{id}/narrative', {
        params: { path: { id: choice.position }, query: { from: choice.from, to: choice.to } },
        parseAs: 'text',
      });
      // openapi-fetch parses an error body as JSON whatever parseAs says.
      if (!response.ok) throw new ApiProblem(response.status, error as Partial<Problem>);
      return String(data);
    },
  });
  const positionOptions = (positions.data ?? []).map(
    (position) => [position.id, `${position.title} (${position.orgUnit})`] as const,
  );
  // Erfurt funds one position: it is chosen until somebody picks another.
  const chosenPosition = form.position || positionOptions[0]?.[0] || '';

  return (
    <Page title="Sachbericht">
      <p className="kern-body">
        Der Entwurf des Sachberichts fasst den Fortschritt der Aufgaben einer Stelle, die erreichten
        Meilensteine und die Meilensteinberichte eines Zeitraums zusammen: zum Einfügen in den
        Verwendungsnachweis.
      </p>
      {positions.isError ? <LoadFailed reason={reasonOf(positions.error)} /> : null}
      {positions.data?.length === 0 ? <p className="kern-body">Es ist noch keine Stelle erfasst.</p> : null}
      <Form
        className="narrative-form"
        onSubmit={() => {
          const query = new URLSearchParams({
            stelle: chosenPosition,
            von: germanDateToIso(form.from),
            bis: germanDateToIso(form.to),
          });
          navigate(`/sachbericht?${query.toString()}`);
        }}
      >
        <ErrorSummary error={narrative.error} fields={FIELDS} title="Der Sachbericht wurde nicht erstellt." />
        <SelectField
          {...FIELDS.id!}
          value={chosenPosition}
          options={positionOptions}
          onChange={(position) => setForm({ ...form, position })}
          errors={errorsFor(narrative.error, 'id')}
        />
        <TextField
          {...FIELDS.from!}
          hint="TT.MM.JJJJ"
          inputMode="numeric"
          value={form.from}
          onChange={(from) => setForm({ ...form, from })}
          errors={errorsFor(narrative.error, 'from')}
        />
        <TextField
          {...FIELDS.to!}
          hint="TT.MM.JJJJ"
          inputMode="numeric"
          value={form.to}
          onChange={(to) => setForm({ ...form, to })}
          errors={errorsFor(narrative.error, 'to')}
        />
        <div>
          <button className="kern-btn kern-btn--primary" type="submit">
            <span className="kern-label">Sachbericht erstellen</span>
          </button>
        </div>
      </Form>
      {narrative.isFetching ? (
        <p className="kern-body" role="status">
          Der Sachbericht wird erstellt …
        </p>
      ) : null}
      {narrative.data ? (
        <section aria-labelledby="sachbericht-ergebnis" className="panel">
          <h2 className="kern-heading-medium" id="sachbericht-ergebnis">
            {`Entwurf für ${formatDate(choice.from)} bis ${formatDate(choice.to)}`}
          </h2>
          <TextArea
            id="sachbericht-text"
            label="Sachbericht (Markdown)"
            value={narrative.data}
            onChange={() => {}}
            rows={16}
            readOnly
          />
          <CopyButton
            text={narrative.data}
            label="Kopieren"
            copied="Der Sachbericht ist in der Zwischenablage."
          />
          <div className="button-row">
            <button
              className="kern-btn kern-btn--secondary"
              type="button"
              onClick={() => downloadMarkdown(narrative.data, `Sachbericht_${choice.from}_${choice.to}.md`)}
            >
              <span className="kern-label">Als Markdown herunterladen</span>
            </button>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
