import type { ReactNode } from 'react';

/** One term and its value in a KERN description list. */
export function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

/** A record's facts as a KERN description list. */
export function Details({ children }: { children: ReactNode }) {
  return <dl className="kern-description-list">{children}</dl>;
}
