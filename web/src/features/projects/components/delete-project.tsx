import { useState } from 'react';
import type { Project } from '@/api/types';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useDeleteProject } from '@/features/projects/api/delete-project';

export function DeleteProject({ project, onDeleted }: { project: Project; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteProject();
  const canDelete = project.role === 'owner';
  return (
    <Card
      tone="danger"
      title="Delete this project"
      labelledBy="delete-project-heading"
      description={
        canDelete
          ? 'Deletes the project, its phases and its member list for everyone. This cannot be undone.'
          : 'Only an owner can delete this project.'
      }
    >
      <Button
        variant="danger"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
        disabled={!canDelete}
      >
        Delete project…
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          remove.mutate(project.id, {
            onSuccess: () => {
              setOpen(false);
              onDeleted();
            },
          })
        }
        title={`Delete “${project.name}”?`}
        description="Everyone loses access to it. This cannot be undone."
        confirmLabel="Delete project"
        confirmText={project.name}
        danger
        pending={remove.isPending}
        error={remove.error}
      />
    </Card>
  );
}
