import { useEffect, useRef } from 'react';
import { ApiProblem, reasonOf } from '../api/problem.ts';

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
    <div className="kern-alert kern-alert--danger form-alert" role="alert" tabIndex={-1} ref={box}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{title ?? 'Nicht gespeichert.'}</span>
      </div>
      <div className="kern-alert__body">
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
      </div>
    </div>
  );
}

/** A short confirmation after a form was accepted, read out by screen readers. */
export function SuccessNotice({ children }: { children: string | null }) {
  return (
    <div role="status" className="status-line">
      {children ? (
        <div className="kern-alert kern-alert--success">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--success" aria-hidden="true" />
            <span className="kern-title">{children}</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
