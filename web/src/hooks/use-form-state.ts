// Small form state for controlled inputs: validate on submit (and live after the first
// submit), focus the first invalid field, and take per-field errors from the server.
import { useCallback, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-error';

export type FieldErrors<T> = Partial<Record<keyof T & string, string>>;
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
export type ServerFieldMapping<T> = {
  fieldFor?: (serverField: string) => (keyof T & string) | undefined;
  labels?: Partial<Record<keyof T & string, string>>;
};

export function useFormState<T extends Record<string, string>>(initial: T, validate: (values: T) => FieldErrors<T>) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors<T>>({});
  const [submitted, setSubmitted] = useState(false);

  const setValue = useCallback(
    <K extends keyof T & string>(name: K, value: T[K]) => {
      setValues((prev) => {
        const next = { ...prev, [name]: value };
        if (submitted) setErrors(validate(next));
        return next;
      });
    },
    [submitted, validate],
  );

  const field = <K extends keyof T & string>(name: K) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (event: ChangeEvent<Control>) => setValue(name, event.target.value as T[K]),
  });

  const handleSubmit = (onValid: (values: T) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validate(values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      const element = event.currentTarget.elements.namedItem(first);
      if (element instanceof HTMLElement) element.focus();
      return;
    }
    onValid(values);
  };

  /**
   * Shows the server's per-field messages next to the fields they name. `fieldFor` maps a
   * server field to a form field when their names differ (`options.dataset` → `dataset`);
   * `labels` names a field in messages that start with a fragment ("is required").
   */
  const applyServerErrors = (error: unknown, mapping: ServerFieldMapping<T> = {}) => {
    if (!(error instanceof ApiError)) return;
    const mine: FieldErrors<T> = {};
    for (const { field, message } of error.fieldErrors) {
      const key = mapping.fieldFor ? mapping.fieldFor(field) : field in initial ? (field as keyof T & string) : undefined;
      if (key && !mine[key]) mine[key] = fieldMessage(mapping.labels?.[key] ?? key, message);
    }
    if (Object.keys(mine).length > 0) setErrors((prev) => ({ ...prev, ...mine }));
  };

  const reset = (next: T = initial) => {
    setValues(next);
    setErrors({});
    setSubmitted(false);
  };

  const fieldNames = Object.keys(initial);

  return { values, errors, field, setValue, handleSubmit, applyServerErrors, reset, fieldNames };
}

/** "current_password" → "Current password". */
export function humanizeField(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FRAGMENT = /^(is|are|was|must|has|have|already|required|cannot|should|needs?)\b/;

/**
 * A server field message as a sentence: fragments such as "is incorrect" get the field's
 * name in front ("Current password is incorrect"); full sentences are kept.
 */
export function fieldMessage(field: string, message: string): string {
  const text = message.trim();
  if (FRAGMENT.test(text)) return `${humanizeField(field)} ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
