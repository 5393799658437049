import type { ReactNode } from 'react';

/**
 * A form whose fields the API checks: the browser's own validation bubbles are off (they speak
 * the browser's language and would stop a request the API should judge), submit runs `onSubmit`.
 */
export function Form({
  onSubmit,
  className,
  labelledBy,
  children,
}: {
  onSubmit(): void;
  className?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={`form-grid${className ? ` ${className}` : ''}`}
      noValidate
      aria-labelledby={labelledBy}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A form's submit button, kept from sending twice while its request is on its way. */
export function SubmitButton({
  pending,
  secondary = false,
  children,
}: {
  pending: boolean;
  secondary?: boolean;
  children: string;
}) {
  return (
    <div>
      <button
        className={`kern-btn ${secondary ? 'kern-btn--secondary' : 'kern-btn--primary'}`}
        type="submit"
        disabled={pending}
      >
        <span className="kern-label">{children}</span>
      </button>
    </div>
  );
}
