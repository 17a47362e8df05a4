// Members and roles: owners add people by email, change roles and remove members;
// everyone else sees the list (and may leave).
import { useState } from 'react';
import type { Member, Project, Role } from '@/api/types';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { SelectField, TextField } from '@/components/ui/field';
import { Table, TableHead } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useAddMember } from '@/features/projects/api/add-member';
import { useMembers } from '@/features/projects/api/get-members';
import { useRemoveMember } from '@/features/projects/api/remove-member';
import { useUpdateMember } from '@/features/projects/api/update-member';
import { useFormState } from '@/hooks/use-form-state';
import { formatDate } from '@/lib/format';
import { checkEmail, compact } from '@/lib/validation';

export const ROLES: ReadonlyArray<{ value: Role; label: string; help: string }> = [
  { value: 'owner', label: 'Owner', help: 'Everything, including members and deletion' },
  { value: 'editor', label: 'Editor', help: 'Works on every phase' },
  { value: 'viewer', label: 'Viewer', help: 'Reads only' },
];

type AddValues = { email: string; role: string };

function AddMemberForm({ projectId }: { projectId: string }) {
  const form = useFormState<AddValues>({ email: '', role: 'editor' }, (v) => compact({ email: checkEmail(v.email) }));
  const add = useAddMember(projectId);
  const toast = useToast();
  return (
    <form
      noValidate
      aria-label="Add a member"
      className="stack"
      onSubmit={form.handleSubmit((v) =>
        add.mutate(
          { email: v.email.trim(), role: v.role as Role },
          {
            onSuccess: (member) => {
              toast.show(`${member.name || member.email} added as ${member.role}`);
              form.reset();
            },
            onError: (e) => form.applyServerErrors(e),
          },
        ),
      )}
    >
      {add.error ? <ErrorState error={add.error} omitFields={form.fieldNames} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 2fr) minmax(140px, 1fr) auto', gap: 12, alignItems: 'start' }}>
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          required
          hint="They need a Godwit account already."
          {...form.field('email')}
        />
        <SelectField label="Role" options={ROLES} {...form.field('role')} />
        <div style={{ paddingTop: 26 }}>
          <Button type="submit" variant="primary" loading={add.isPending}>
            Add member
          </Button>
        </div>
      </div>
    </form>
  );
}

function RoleCell({ projectId, member, editable }: { projectId: string; member: Member; editable: boolean }) {
  const update = useUpdateMember(projectId);
  const toast = useToast();
  if (!editable) return <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'}>{member.role}</Badge>;
  return (
    <SelectField
      label={<span className="visually-hidden">Role of {member.name || member.email}</span>}
      options={ROLES}
      value={member.role}
      disabled={update.isPending}
      onChange={(e) =>
        update.mutate(
          { userId: member.user_id, role: e.target.value as Role },
          {
            onSuccess: (m) => toast.show(`${m.name || m.email} is now ${m.role}`),
            onError: (err) => toast.show(err.message, 'error'),
          },
        )
      }
    />
  );
}

export function MembersPanel({ project, currentUserId, onLeft }: { project: Project; currentUserId: string; onLeft: () => void }) {
  const members = useMembers(project.id);
  const remove = useRemoveMember(project.id);
  const toast = useToast();
  const [removing, setRemoving] = useState<Member | null>(null);
  const isOwner = project.role === 'owner';

  return (
    <div className="stack">
      {isOwner ? (
        <Card title="Add a member" labelledBy="add-member-heading">
          <AddMemberForm projectId={project.id} />
        </Card>
      ) : null}
      <Card
        title="Members"
        labelledBy="members-heading"
        description={isOwner ? 'Change roles or remove people. A project always keeps at least one owner.' : 'Only owners can change members.'}
      >
        {members.isPending ? (
          <LoadingState label="Loading members…" />
        ) : members.isError ? (
          <ErrorState title="The members could not be loaded" error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <Table caption="Project members">
            <TableHead columns={['Member', 'Role', 'Added', { hidden: 'Actions' }]} />
            <tbody>
              {members.data.items.map((m) => {
                const self = m.user_id === currentUserId;
                return (
                  <tr key={m.user_id}>
                    <td>
                      <div className="row" style={{ flexWrap: 'nowrap' }}>
                        <Avatar name={m.name} email={m.email} />
                        <div>
                          <div style={{ fontWeight: 500 }}>
                            {m.name || m.email} {self ? <span className="muted">(you)</span> : null}
                          </div>
                          <div className="muted" style={{ fontSize: '0.88rem' }}>
                            {m.email}
                          </div>
                        </div>
                      </div>
                    </td>
                    <td style={{ width: 170 }}>
                      <RoleCell projectId={project.id} member={m} editable={isOwner} />
                    </td>
                    <td>{formatDate(m.added_at)}</td>
                    <td style={{ textAlign: 'right' }}>
                      {isOwner || self ? (
                        <Button size="sm" variant="ghost" onClick={() => setRemoving(m)}>
                          {self ? 'Leave' : 'Remove'}
                          <span className="visually-hidden"> {m.name || m.email}</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          const leaving = removing.user_id === currentUserId;
          remove.mutate(removing.user_id, {
            onSuccess: () => {
              toast.show(leaving ? `You left ${project.name}` : `${removing.name || removing.email} removed`);
              setRemoving(null);
              if (leaving) onLeft();
            },
          });
        }}
        title={removing && removing.user_id === currentUserId ? `Leave “${project.name}”?` : `Remove ${removing?.name || removing?.email}?`}
        description={
          removing && removing.user_id === currentUserId
            ? 'You will lose access to this project until an owner adds you again.'
            : 'They lose access to this project. You can add them again later.'
        }
        confirmLabel={removing && removing.user_id === currentUserId ? 'Leave project' : 'Remove member'}
        danger
        pending={remove.isPending}
        error={remove.error}
      />
    </div>
  );
}
