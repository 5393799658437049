import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { reasonOf } from '../api/problem.ts';
import { LoadFailed, Loading, Page } from './page.tsx';

/**
 * The page of one record: while it loads or when it cannot be loaded, a page with a general
 * title says so; once loaded, `children` renders it (with the record's own title).
 */
export function RecordPage<T>({
  query,
  title,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  /** The page's title until the record is there, e.g. "Aufgabe". */
  title: string;
  /** What is loading, e.g. "Die Aufgabe". */
  what: string;
  children(record: T): ReactNode;
}) {
  if (query.isPending) {
    return (
      <Page title={title}>
        <Loading what={what} />
      </Page>
    );
  }
  if (query.isError) {
    return (
      <Page title={title}>
        <LoadFailed reason={reasonOf(query.error)} />
      </Page>
    );
  }
  return <>{children(query.data)}</>;
}
