import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldBase {
  id: string;
  label: string;
  hint?: string;
  /** German messages for this field, from the API's problem+json. */
  errors?: readonly string[] | undefined;
  optional?: boolean;
}

/** The ids a field's description points to, and its error paragraph. */
function describe(field: FieldBase) {
  const hintId = field.hint ? `${field.id}-hinweis` : undefined;
  const errorId = field.errors?.length ? `${field.id}-fehler` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { hintId, errorId, describedBy, invalid: errorId !== undefined };
}

function FieldFrame({ field, children }: { field: FieldBase; children: ReactNode }) {
  const { hintId, errorId, invalid } = describe(field);
  return (
    <div className={`kern-form-input${invalid ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={field.id}>
        {field.label}
        {field.optional ? <span className="kern-label__optional"> – optional</span> : null}
      </label>
      {field.hint ? (
        <div className="kern-hint" id={hintId}>
          {field.hint}
        </div>
      ) : null}
      {children}
      {errorId ? (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{field.errors?.join(' ')}</span>
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = FieldBase & {
  value: string;
  onChange(value: string): void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'inputMode' | 'autoComplete' | 'type' | 'readOnly'>;

export function TextField({
  value,
  onChange,
  inputMode,
  autoComplete,
  type,
  readOnly,
  ...field
}: TextFieldProps) {
  const { describedBy, invalid } = describe(field);
  return (
    <FieldFrame field={field}>
      <input
        className={`kern-form-input__input${invalid ? ' kern-form-input__input--error' : ''}`}
        id={field.id}
        name={field.id}
        type={type ?? 'text'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        readOnly={readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

type TextAreaProps = FieldBase & {
  value: string;
  onChange(value: string): void;
  rows?: number;
  readOnly?: boolean;
};

export function TextArea({ value, onChange, rows, readOnly, ...field }: TextAreaProps) {
  const { describedBy, invalid } = describe(field);
  return (
    <FieldFrame field={field}>
      <textarea
        className={`kern-form-input__input text-area${invalid ? ' kern-form-input__input--error' : ''}`}
        id={field.id}
        name={field.id}
        rows={rows ?? 4}
        readOnly={readOnly}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = FieldBase & {
  value: string;
  onChange(value: string): void;
  options: readonly (readonly [string, string])[];
};

export function SelectField({ value, onChange, options, ...field }: SelectFieldProps) {
  const { describedBy, invalid } = describe(field);
  return (
    <FieldFrame field={field}>
      <div className="kern-form-input__select-wrapper">
        <select
          className={`kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}`}
          id={field.id}
          name={field.id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        >
          {options.map(([optionValue, label]) => (
            <option key={optionValue} value={optionValue}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </FieldFrame>
  );
}
