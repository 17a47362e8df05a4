import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { User } from '@/api/types';
import { useUpdateProfile } from '@/features/auth/api/update-profile';
import styles from '@/features/auth/components/auth-form.module.css';
import { useFormState } from '@/hooks/use-form-state';
import { checkRequired, checkUrl, compact } from '@/lib/validation';

type Values = { name: string; picture_url: string };

const validate = (v: Values) => compact({ name: checkRequired(v.name, 'Enter your name.', 200), picture_url: checkUrl(v.picture_url) });

export function ProfileForm({ user }: { user: User }) {
  const form = useFormState<Values>({ name: user.name, picture_url: user.picture_url ?? '' }, validate);
  const update = useUpdateProfile();
  const toast = useToast();
  const picture = form.values.picture_url.trim();

  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((v) =>
        update.mutate(
          { name: v.name.trim(), picture_url: v.picture_url.trim() || null },
          { onSuccess: () => toast.show('Profile saved'), onError: (e) => form.applyServerErrors(e) },
        ),
      )}
      noValidate
      aria-label="Profile"
    >
      {update.error ? <ErrorState error={update.error} omitFields={form.fieldNames} /> : null}
      <div className={styles.preview}>
        <Avatar name={form.values.name || user.name} email={user.email} src={checkUrl(picture) ? null : picture || null} size={56} />
        <div>
          <p>
            <strong>{user.email}</strong>
          </p>
          <p className="muted">{user.google_linked ? 'Linked to Google' : 'Email and password sign-in'}</p>
        </div>
      </div>
      <div className={styles.grid}>
        <TextField label="Name" autoComplete="name" required maxLength={200} {...form.field('name')} />
        <TextField
          label="Picture URL"
          type="url"
          inputMode="url"
          placeholder="https://…"
          hint="A square image works best. Leave empty to show your initials."
          {...form.field('picture_url')}
        />
      </div>
      <div>
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
