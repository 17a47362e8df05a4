import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { useUpdateProfile } from '@/features/auth/api/update-profile';
import styles from '@/features/auth/components/auth-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkNewPassword, compact, PASSWORD_MIN } from '@/lib/validation';

type Values = { current_password: string; new_password: string; confirm: string };

const empty: Values = { current_password: '', new_password: '', confirm: '' };

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const validate = (v: Values) =>
    compact({
      current_password: hasPassword && !v.current_password ? 'Enter your current password.' : undefined,
      new_password:
        checkNewPassword(v.new_password) ??
        (hasPassword && v.new_password === v.current_password ? 'Choose a password different from the current one.' : undefined),
      confirm: v.confirm !== v.new_password ? 'The passwords do not match.' : undefined,
    });
  const form = useFormState<Values>(empty, validate);
  const update = useUpdateProfile();
  const toast = useToast();

  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((v) =>
        update.mutate(
          hasPassword ? { current_password: v.current_password, new_password: v.new_password } : { new_password: v.new_password },
          {
            onSuccess: () => {
              form.reset();
              toast.show('Password changed. Your other sign-ins have ended.');
            },
            onError: (e) => form.applyServerErrors(e),
          },
        ),
      )}
      noValidate
      aria-label="Change password"
    >
      {update.error ? <ErrorState error={update.error} omitFields={form.fieldNames} /> : null}
      {hasPassword ? (
        <TextField label="Current password" type="password" autoComplete="current-password" required {...form.field('current_password')} />
      ) : null}
      <div className={styles.grid}>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN} characters.`}
          {...form.field('new_password')}
        />
        <TextField label="Confirm new password" type="password" autoComplete="new-password" required {...form.field('confirm')} />
      </div>
      <div>
        <Button type="submit" variant="primary" loading={update.isPending}>
          {hasPassword ? 'Change password' : 'Set password'}
        </Button>
      </div>
    </form>
  );
}
