import { useNavigate } from 'react-router';
import { Card } from '@/components/ui/card';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useUpdateProject } from '@/features/projects/api/update-project';
import { DeleteProject } from '@/features/projects/components/delete-project';
import { ProjectForm } from '@/features/projects/components/project-form';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import type { ProjectStatus } from '@/api/types';

export default function ProjectSettingsRoute() {
  const { project } = useProjectContext();
  const update = useUpdateProject(project.id);
  const toast = useToast();
  const navigate = useNavigate();
  const canEdit = project.role !== 'viewer';
  return (
    <div className="stack" style={{ gap: 20, maxWidth: 820 }}>
      <Card
        title="Project details"
        labelledBy="details-heading"
        description={canEdit ? undefined : 'Viewers cannot change the project.'}
      >
        <ProjectForm
          key={project.updated_at}
          label="Edit project"
          readOnly={!canEdit}
          showStatus
          initial={{
            name: project.name,
            description: project.description ?? '',
            source_dialect: project.source_dialect,
            target_dialect: project.target_dialect,
            status: project.status,
          }}
          onSubmit={(v) =>
            update.mutate(
              {
                name: v.name.trim(),
                description: v.description.trim() || null,
                source_dialect: v.source_dialect,
                target_dialect: v.target_dialect,
                status: v.status as ProjectStatus,
              },
              { onSuccess: () => toast.show('Project saved') },
            )
          }
          submitLabel="Save changes"
          pending={update.isPending}
          error={update.error}
        />
      </Card>
      <DeleteProject
        project={project}
        onDeleted={() => {
          toast.show(`Project “${project.name}” deleted`);
          navigate(paths.projects, { replace: true });
        }}
      />
    </div>
  );
}
