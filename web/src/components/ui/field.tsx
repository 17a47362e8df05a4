// Labelled form controls: every input has a <label>, its hint and error are tied to it
// with aria-describedby, and an error sets aria-invalid.
import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import styles from '@/components/ui/field.module.css';

type FieldChrome = {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  id?: string | undefined;
  required?: boolean | undefined;
};

/** The attributes that tie a control to its label, hint and error. */
type ControlAttributes = {
  id: string;
  className: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
};

/** The label, hint and error around one control; `children` renders the control. */
function Field({ id, label, hint, error, required, className, children }: FieldChrome & { children: (control: ControlAttributes) => ReactNode }) {
  const autoId = useId();
  const controlId = id ?? autoId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={[styles.field, className].filter(Boolean).join(' ')}>
      <div className={styles.labelRow}>
        <label className={styles.label} htmlFor={controlId}>
          {label}
        </label>
        {required ? (
          <span className={styles.required} aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children({
        id: controlId,
        className: styles.control ?? '',
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })}
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Splits a field's props into its chrome (label, hint, error ...) and the control's own. */
function splitChrome<P extends FieldChrome>({ label, hint, error, className, id, required, ...control }: P) {
  return [{ label, hint, error, className, id, required }, control] as const;
}

export type TextFieldProps = FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>;

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(props, ref) {
  const [chrome, rest] = splitChrome(props);
  return <Field {...chrome}>{(control) => <input ref={ref} {...control} {...rest} />}</Field>;
});

export type TextAreaFieldProps = FieldChrome & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>;

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(props, ref) {
  const [chrome, rest] = splitChrome(props);
  return <Field {...chrome}>{(control) => <textarea ref={ref} {...control} {...rest} />}</Field>;
});

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = FieldChrome &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className' | 'children'> & {
    options: readonly SelectOption[];
    /** A first option with an empty value, e.g. "Any dialect". */
    placeholder?: string;
  };

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(props, ref) {
  const [chrome, { options, placeholder, ...rest }] = splitChrome(props);
  return (
    <Field {...chrome}>
      {(control) => (
        <select ref={ref} {...control} {...rest}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
});
