import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A KERN dialog that asks before a change that cannot be taken back (a status change). Modal:
 * the browser keeps focus inside, Escape cancels, and focus returns to where it was.
 */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="kern-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <header className="kern-dialog__header">
        <h2 className="kern-title" id={titleId}>
          {title}
        </h2>
      </header>
      <div className="kern-dialog__body">{open ? children : null}</div>
      <footer className="kern-dialog__footer">
        <button className="kern-btn kern-btn--secondary" type="button" onClick={onCancel}>
          <span className="kern-label">Abbrechen</span>
        </button>
        <button className="kern-btn kern-btn--primary" type="button" onClick={onConfirm}>
          <span className="kern-label">{confirmLabel}</span>
        </button>
      </footer>
    </dialog>
  );
}
