import { Link } from 'react-router';
import { Button, LinkButton } from '@/components/ui/button';
import { Alert, ErrorState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { useResetPassword } from '@/features/auth/api/reset-password';
import styles from '@/features/auth/components/auth-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkNewPassword, compact, PASSWORD_MIN } from '@/lib/validation';

type Values = { new_password: string; confirm: string };

const validate = (v: Values) =>
  compact({
    new_password: checkNewPassword(v.new_password),
    confirm: v.confirm !== v.new_password ? 'The passwords do not match.' : undefined,
  });

export function ResetPasswordForm({ token }: { token: string | null }) {
  const form = useFormState<Values>({ new_password: '', confirm: '' }, validate);
  const reset = useResetPassword();

  if (!token) {
    return (
      <div className={styles.form}>
        <Alert tone="error" title="This link is incomplete">
          <p>The reset link has no token. Open the link from the email again, or ask for a new one.</p>
        </Alert>
        <LinkButton to={paths.forgotPassword} variant="primary" block>
          Ask for a new link
        </LinkButton>
      </div>
    );
  }

  if (reset.isSuccess) {
    return (
      <div className={styles.form}>
        <Alert tone="success" title="Password changed">
          <p>Your password has been changed and your other sign-ins have ended. Sign in with the new password.</p>
        </Alert>
        <LinkButton to={paths.signIn} variant="primary" block>
          Sign in
        </LinkButton>
      </div>
    );
  }

  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((v) =>
        reset.mutate({ token, new_password: v.new_password }, { onError: (e) => form.applyServerErrors(e) }),
      )}
      noValidate
      aria-label="Choose a new password"
    >
      {reset.error ? <ErrorState error={reset.error} omitFields={form.fieldNames} /> : null}
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        hint={`At least ${PASSWORD_MIN} characters.`}
        {...form.field('new_password')}
      />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" required {...form.field('confirm')} />
      <Button type="submit" variant="primary" size="lg" block loading={reset.isPending}>
        Set new password
      </Button>
      <p className={styles.footer}>
        <Link to={paths.forgotPassword}>Ask for a new link</Link>
      </p>
    </form>
  );
}
