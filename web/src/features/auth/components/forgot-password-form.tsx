import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Alert, ErrorState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { useForgotPassword } from '@/features/auth/api/forgot-password';
import styles from '@/features/auth/components/auth-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkEmail, compact } from '@/lib/validation';

type Values = { email: string };

const validate = (v: Values) => compact({ email: checkEmail(v.email) });

export function ForgotPasswordForm() {
  const form = useFormState<Values>({ email: '' }, validate);
  const forgot = useForgotPassword();

  if (forgot.isSuccess) {
    return (
      <div className={styles.form}>
        <Alert tone="success" title="Check your inbox">
          <p>
            If an account uses <strong>{form.values.email.trim()}</strong>, we have sent it a link to choose a new
            password. The link expires soon, so use it today.
          </p>
        </Alert>
        <p className={styles.footer}>
          <Link to={paths.signIn}>Back to sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((v) => forgot.mutate(v.email.trim(), { onError: (e) => form.applyServerErrors(e) }))}
      noValidate
      aria-label="Reset password"
    >
      {forgot.error ? <ErrorState error={forgot.error} omitFields={form.fieldNames} /> : null}
      <p className="muted">Enter the email you signed up with and we will send you a link to choose a new password.</p>
      <TextField label="Email" type="email" autoComplete="email" required autoFocus {...form.field('email')} />
      <Button type="submit" variant="primary" size="lg" block loading={forgot.isPending}>
        Send reset link
      </Button>
      <p className={styles.footer}>
        <Link to={paths.signIn}>Back to sign in</Link>
      </p>
    </form>
  );
}
