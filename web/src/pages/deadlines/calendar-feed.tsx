import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ok } from '../../api/client.ts';
import { useApp } from '../../app-context.tsx';
import { CopyButton } from '../../forms/copy-button.tsx';
import { TextField } from '../../forms/fields.tsx';
import { Form, SubmitButton } from '../../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap } from '../../forms/form-problem.tsx';

const FIELDS: FieldMap = { name: { id: 'kalender-name', label: 'Bezeichnung' } };

/**
 * Creates a calendar-feed link for Outlook or Thunderbird, which cannot sign in: the secret in
 * the link is the key, shown this once. The link lists the person's own deadlines only.
 */
export function CalendarFeed() {
  const { api, person } = useApp();
  const [name, setName] = useState('Outlook oder Thunderbird');
  const create = useMutation({
    mutationFn: () => ok(api.POST('/v1/calendar-tokens', { body: { name } })),
  });
  const feedUrl = create.data ? `${create.data.url}?owner=${encodeURIComponent(person.email)}` : undefined;

  return (
    <section aria-labelledby="kalender-titel" className="panel">
      <h2 className="kern-heading-medium" id="kalender-titel">
        Fristen im eigenen Kalender
      </h2>
      <p className="kern-body">
        Ein Kalender-Link zeigt Ihre offenen Fristen in Outlook oder Thunderbird und hält sie dort aktuell.
        Wer den Link kennt, sieht die Fristen: Geben Sie ihn nicht weiter.
      </p>
      <ErrorSummary error={create.error} fields={FIELDS} title="Der Kalender-Link wurde nicht erstellt." />
      {feedUrl ? (
        <>
          <TextField
            id="kalender-link"
            label="Ihr Kalender-Link"
            value={feedUrl}
            onChange={() => {}}
            readOnly
          />
          <CopyButton text={feedUrl} label="Link kopieren" copied="Der Link ist in der Zwischenablage." />
          <ul className="kern-list kern-list--bullet">
            <li>Outlook: Kalender hinzufügen → Aus dem Internet abonnieren → Link einfügen.</li>
            <li>Thunderbird: Neuer Kalender → Im Netzwerk → Link einfügen.</li>
          </ul>
        </>
      ) : (
        <Form onSubmit={() => create.mutate()}>
          <TextField
            {...FIELDS.name!}
            hint="Damit Sie den Link später wiedererkennen, z. B. das Gerät"
            value={name}
            onChange={setName}
            errors={errorsFor(create.error, 'name')}
          />
          <SubmitButton pending={create.isPending}>Kalender-Link erstellen</SubmitButton>
        </Form>
      )}
    </section>
  );
}
