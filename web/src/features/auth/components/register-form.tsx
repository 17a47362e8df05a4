import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { useRegister } from '@/features/auth/api/register';
import styles from '@/features/auth/components/auth-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkEmail, checkNewPassword, checkRequired, compact, PASSWORD_MIN } from '@/lib/validation';

type Values = { name: string; email: string; password: string; confirm: string };

const validate = (v: Values) =>
  compact({
    name: checkRequired(v.name, 'Enter your name.', 200),
    email: checkEmail(v.email),
    password: checkNewPassword(v.password),
    confirm: v.confirm !== v.password ? 'The passwords do not match.' : undefined,
  });

export function RegisterForm({ onSuccess }: { onSuccess: () => void }) {
  const form = useFormState<Values>({ name: '', email: '', password: '', confirm: '' }, validate);
  const register = useRegister();

  const submit = form.handleSubmit((values) => {
    register.mutate(
      { name: values.name.trim(), email: values.email.trim(), password: values.password },
      { onSuccess, onError: (error) => form.applyServerErrors(error) },
    );
  });

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Create account">
      {register.error ? <ErrorState error={register.error} omitFields={form.fieldNames} /> : null}
      <TextField label="Full name" autoComplete="name" required autoFocus maxLength={200} {...form.field('name')} />
      <TextField label="Work email" type="email" autoComplete="email" required {...form.field('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters.`}
        {...form.field('password')}
      />
      <TextField label="Confirm password" type="password" autoComplete="new-password" required {...form.field('confirm')} />
      <Button type="submit" variant="primary" size="lg" block loading={register.isPending}>
        Create account
      </Button>
      <p className={styles.footer}>
        Already have an account? <Link to={paths.signIn}>Sign in</Link>
      </p>
    </form>
  );
}
