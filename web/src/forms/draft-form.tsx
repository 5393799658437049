import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Form, SubmitButton } from './form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from './form-problem.tsx';
import { useDraft } from './use-draft.ts';

/**
 * A form's draft and the request that sends it. The draft stays in the tab until the API accepts
 * it; then it is cleared (to `clearTo`, or to where it started), `done` says what happened and
 * `refresh` reads anew what the request changed. `field(name, path)` binds a field to its draft
 * value and to the API's messages for `path` (the field's own name unless said).
 */
export function useDraftForm<V extends Record<string, string>, R, A = void>({
  draftKey,
  initial,
  fields,
  send,
  done,
  refresh,
  clearTo,
}: {
  draftKey: string;
  /** The values the form starts with, taken once. */
  initial: () => V;
  /** The form's fields by API path; a function where they depend on what is typed. */
  fields: FieldMap | ((values: V) => FieldMap);
  send(values: V, argument: A): Promise<R>;
  done?(result: R): string;
  refresh(result: R): Promise<unknown>;
  clearTo?(result: R): V;
}) {
  const [start] = useState(initial);
  const draft = useDraft(draftKey, start);
  const [notice, setNotice] = useState<string | null>(null);
  const map = typeof fields === 'function' ? fields(draft.values) : fields;
  const request = useMutation({
    mutationFn: (argument: A) => send(draft.values, argument),
    onMutate: () => setNotice(null),
    onSuccess: async (result) => {
      draft.clear(clearTo?.(result));
      setNotice(done?.(result) ?? null);
      await refresh(result);
    },
  });
  const field = (name: keyof V & string, path: string = name) => ({
    ...map[path]!,
    value: draft.values[name],
    onChange: (value: string) => draft.set(name, value),
    errors: errorsFor(request.error, path),
  });
  return { draft, request, done: notice, fields: map, field };
}

/**
 * A form with its heading (`h2`, or `h3` inside a section), the refusal above its fields, the
 * confirmation (unless `silent`), and its submit button (labelled as the heading unless said).
 * `form` is what `useDraftForm` gave; a panel unless `panel` is false.
 */
export function DraftForm({
  id,
  level = 'h2',
  title,
  refused,
  form: { request, done, fields },
  onSubmit,
  submit,
  silent = false,
  panel = true,
  children,
}: {
  /** The heading's id, which names the form. */
  id: string;
  level?: 'h2' | 'h3';
  title: string;
  /** The refusal's title. */
  refused: string;
  form: { request: { error: unknown; isPending: boolean }; done: string | null; fields: FieldMap };
  onSubmit(): void;
  submit?: string;
  silent?: boolean;
  panel?: boolean;
  children: ReactNode;
}) {
  const Heading = level;
  return (
    <Form onSubmit={onSubmit} labelledBy={id} className={panel ? 'panel' : undefined}>
      <Heading className={level === 'h2' ? 'kern-heading-medium' : 'kern-heading-small'} id={id}>
        {title}
      </Heading>
      <ErrorSummary error={request.error} fields={fields} title={refused} />
      {silent ? null : <SuccessNotice>{done}</SuccessNotice>}
      {children}
      <SubmitButton pending={request.isPending}>{submit ?? title}</SubmitButton>
    </Form>
  );
}
