import type { ReactNode } from 'react';

/** A part of a page: a section named by its `h2` (`<id>-titel`). */
export function Panel({
  id,
  title,
  className = 'panel',
  anchor,
  children,
}: {
  /** The heading's id is `<id>-titel`. */
  id: string;
  title: ReactNode;
  className?: string;
  /** The section's own id, where other pages link to it. */
  anchor?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-titel`} className={className} id={anchor}>
      <h2 className="kern-heading-medium" id={`${id}-titel`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
