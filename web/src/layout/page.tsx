import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { reasonOf } from '../api/problem.ts';
import { Alert } from './alert.tsx';

/**
 * One page: its `h1`, and the browser tab's title naming it. Focus moves to the heading when a
 * page opens, so screen readers announce the new page and Tab continues from its top.
 */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Fördertracker`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <h1 className="kern-heading-large page-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </>
  );
}

/** While a page's data loads: announced, and no layout jump. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="kern-body" role="status">
      {`${what} wird geladen …`}
    </p>
  );
}

/** A page whose data could not be loaded. */
export function LoadFailed({ reason }: { reason: string }) {
  return (
    <Alert variant="danger" role="alert" title="Konnte nicht geladen werden.">
      <p className="kern-body">{reason}</p>
    </Alert>
  );
}

/**
 * A list read from the API: while it loads, when it could not be loaded, when it is empty (said
 * by `empty`, or nothing), and once it has items, `children` renders them.
 */
export function QueryList<T>({
  query,
  what,
  empty,
  children,
}: {
  query: UseQueryResult<T[]>;
  /** What is loading, e.g. "Die Stellen". */
  what: string;
  empty?: string;
  children(items: T[]): ReactNode;
}) {
  return (
    <>
      {query.isPending ? <Loading what={what} /> : null}
      {query.isError ? <LoadFailed reason={reasonOf(query.error)} /> : null}
      {empty && query.data?.length === 0 ? <p className="kern-body">{empty}</p> : null}
      {query.data?.length ? children(query.data) : null}
    </>
  );
}
