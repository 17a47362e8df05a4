// The project fields, for creating (from scratch or a template) and for editing.
import { useEffect } from 'react';
import type { ProjectStatus } from '@/api/types';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { DIALECTS } from '@/config/dialects';
import { PROJECT_STATUSES } from '@/config/phases';
import styles from '@/features/projects/components/project-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkRequired, compact } from '@/lib/validation';

export type ProjectFormValues = {
  name: string;
  description: string;
  source_dialect: string;
  target_dialect: string;
  status: string;
};

export function validateProject(v: ProjectFormValues) {
  return compact({
    name: checkRequired(v.name, 'Give the project a name.', 255),
    source_dialect: v.source_dialect ? undefined : 'Choose the dialect you migrate from.',
    target_dialect: v.target_dialect ? undefined : 'Choose the dialect you migrate to.',
    description: v.description.length > 2000 ? 'Use at most 2000 characters.' : undefined,
  });
}

type Props = {
  initial: ProjectFormValues;
  onSubmit: (values: ProjectFormValues) => void;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  showStatus?: boolean;
  readOnly?: boolean;
  onCancel?: () => void;
  label: string;
};

export function ProjectForm({ initial, onSubmit, submitLabel, pending, error, showStatus = false, readOnly = false, onCancel, label }: Props) {
  const form = useFormState<ProjectFormValues>(initial, validateProject);
  const { applyServerErrors } = form;
  useEffect(() => {
    if (error) applyServerErrors(error);
  }, [error]); // only a new error should apply
  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((values) => onSubmit(values))}
      noValidate
      aria-label={label}
    >
      {error ? <ErrorState error={error} omitFields={form.fieldNames} /> : null}
      <fieldset className={styles.fieldset} disabled={readOnly}>
        <TextField label="Project name" required maxLength={255} autoComplete="off" {...form.field('name')} />
        <TextAreaField
          label="Description"
          rows={3}
          hint="What is migrating, and why. Optional."
          {...form.field('description')}
        />
        <div className={styles.grid}>
          <SelectField label="Source dialect" required placeholder="Choose…" options={DIALECTS} {...form.field('source_dialect')} />
          <SelectField label="Target dialect" required placeholder="Choose…" options={DIALECTS} {...form.field('target_dialect')} />
          {showStatus ? (
            <SelectField label="Status" options={PROJECT_STATUSES} {...form.field('status')} />
          ) : null}
        </div>
      </fieldset>
      {readOnly ? null : (
        <div className={styles.actions}>
          <Button type="submit" variant="primary" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel ? (
            <Button onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
          ) : null}
        </div>
      )}
    </form>
  );
}

export function emptyProjectValues(status: ProjectStatus = 'draft'): ProjectFormValues {
  return { name: '', description: '', source_dialect: '', target_dialect: '', status };
}
