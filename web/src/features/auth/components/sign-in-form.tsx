import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { useLogin } from '@/features/auth/api/login';
import styles from '@/features/auth/components/auth-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkEmail, compact } from '@/lib/validation';

type Values = { email: string; password: string };

const validate = (v: Values) =>
  compact({ email: checkEmail(v.email), password: v.password ? undefined : 'Enter your password.' });

export function SignInForm({ onSuccess, initialEmail = '' }: { onSuccess: () => void; initialEmail?: string }) {
  const form = useFormState<Values>({ email: initialEmail, password: '' }, validate);
  const login = useLogin();

  const submit = form.handleSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      { onSuccess, onError: (error) => form.applyServerErrors(error) },
    );
  });

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Sign in">
      {login.error ? <ErrorState error={login.error} omitFields={form.fieldNames} /> : null}
      <TextField label="Email" type="email" autoComplete="email" required autoFocus {...form.field('email')} />
      <TextField label="Password" type="password" autoComplete="current-password" required {...form.field('password')} />
      <div className={styles.labelRow}>
        <Link to={paths.forgotPassword}>Forgot your password?</Link>
      </div>
      <Button type="submit" variant="primary" size="lg" block loading={login.isPending}>
        Sign in
      </Button>
      <p className={styles.footer}>
        New to Godwit? <Link to={paths.register}>Create an account</Link>
      </p>
    </form>
  );
}
