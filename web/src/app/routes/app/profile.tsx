import { Card, PageHeader } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { useProfile } from '@/features/auth/api/get-profile';
import { PasswordForm } from '@/features/auth/components/password-form';
import { ProfileForm } from '@/features/auth/components/profile-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatDate } from '@/lib/format';

export default function ProfileRoute() {
  useDocumentTitle('Profile');
  const profile = useProfile();
  return (
    <div style={{ maxWidth: 760 }}>
      <PageHeader
        title="Your profile"
        description={profile.data ? `Member since ${formatDate(profile.data.created_at)}` : undefined}
      />
      {profile.isPending ? (
        <LoadingState label="Loading your profile…" />
      ) : profile.isError ? (
        <ErrorState title="Your profile could not be loaded" error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <div className="stack">
          <Card title="Details" labelledBy="profile-details-heading">
            <ProfileForm key={profile.data.updated_at} user={profile.data} />
          </Card>
          <Card
            title={profile.data.has_password ? 'Change password' : 'Set a password'}
            labelledBy="profile-password-heading"
            description="Changing it signs you out everywhere else."
          >
            <PasswordForm hasPassword={profile.data.has_password} />
          </Card>
        </div>
      )}
    </div>
  );
}
