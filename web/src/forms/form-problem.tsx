import { useEffect, useRef } from 'react';
import { ApiProblem, reasonOf } from '../api/problem.ts';
import { Alert } from '../layout/alert.tsx';

/** Which form field an API path (`percent`, `fundingPeriod.end`) belongs to. */
export type FieldMap = Record<string, { id: string; label: string }>;

/** The German messages of one field of a refused request. */
export function errorsFor(error: unknown, path: string): readonly string[] | undefined {
  return error instanceof ApiProblem ? error.fieldErrors[path] : undefined;
}

/**
 * The refusal above a form, in a role="alert" box: the reason in German and a link to each
 * field the API named. Focus moves here, so a keyboard user lands on it and can jump on.
 */
export function ErrorSummary({ error, fields, title }: { error: unknown; fields: FieldMap; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.focus();
  }, [error]);
  if (!error) return null;
  const fieldErrors = error instanceof ApiProblem ? Object.entries(error.fieldErrors) : [];
  return (
    <Alert
      variant="danger"
      role="alert"
      title={title ?? 'Nicht gespeichert.'}
      className="form-alert"
      focusRef={box}
    >
      <p className="kern-body">{reasonOf(error)}</p>
      {fieldErrors.length > 0 ? (
        <ul className="kern-list">
          {fieldErrors.map(([path, messages]) => {
            const field = fields[path];
            return (
              <li key={path}>
                {field ? (
                  <a href={`#${field.id}`}>{`${field.label}: ${messages.join(' ')}`}</a>
                ) : (
                  `${path}: ${messages.join(' ')}`
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </Alert>
  );
}

/** A short confirmation after a form was accepted, read out by screen readers. */
export function SuccessNotice({ children }: { children: string | null }) {
  return (
    <div role="status" className="status-line">
      {children ? <Alert variant="success" title={children} /> : null}
    </div>
  );
}
