import type { ReactNode, Ref } from 'react';

type Variant = 'danger' | 'warning' | 'success' | 'info';

/** KERN's alert: an icon, a title and, if given, a body. */
export function Alert({
  variant,
  title,
  role,
  children,
  className,
  focusRef,
}: {
  variant: Variant;
  title: string;
  role?: 'alert' | 'status';
  children?: ReactNode;
  className?: string;
  /** Set when the alert should take the focus (it then needs to be focusable). */
  focusRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div
      className={`kern-alert kern-alert--${variant}${className ? ` ${className}` : ''}`}
      role={role}
      ref={focusRef}
      tabIndex={focusRef ? -1 : undefined}
    >
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
