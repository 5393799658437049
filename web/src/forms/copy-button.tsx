import { useState } from 'react';
import { SuccessNotice } from './form-problem.tsx';

/** Copies a text to the clipboard and says so (or says to copy by hand where the browser refuses). */
export function CopyButton({ text, label, copied }: { text: string; label: string; copied: string }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <div className="button-row">
        <button
          className="kern-btn kern-btn--secondary"
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setMessage(copied),
              () => setMessage('Kopieren ging nicht: Bitte markieren und kopieren Sie den Text selbst.'),
            )
          }
        >
          <span className="kern-label">{label}</span>
        </button>
      </div>
      <SuccessNotice>{message}</SuccessNotice>
    </>
  );
}
