// Create a project from a template (gallery first, then name it) or from scratch.
import { useState } from 'react';
import type { Project, ProjectTemplate } from '@/api/types';
import { Card } from '@/components/ui/card';
import { useCreateProject } from '@/features/projects/api/create-project';
import styles from '@/features/projects/components/create-project.module.css';
import { emptyProjectValues, ProjectForm, type ProjectFormValues } from '@/features/projects/components/project-form';
import { TemplateGallery } from '@/features/projects/components/template-gallery';

type Mode = 'template' | 'scratch';

export function CreateProject({ onCreated, onCancel }: { onCreated: (project: Project) => void; onCancel: () => void }) {
  const [mode, setMode] = useState<Mode>('template');
  const [template, setTemplate] = useState<ProjectTemplate | null>(null);
  const create = useCreateProject();

  const submit = (values: ProjectFormValues) => {
    create.mutate(
      {
        name: values.name.trim(),
        description: values.description.trim() || null,
        source_dialect: values.source_dialect,
        target_dialect: values.target_dialect,
        ...(mode === 'template' && template ? { template_id: template.id } : {}),
      },
      { onSuccess: onCreated },
    );
  };

  const switchMode = (next: Mode) => {
    setMode(next);
    create.reset();
  };

  return (
    <div className={styles.layout}>
      <div className={styles.modes} role="group" aria-label="How to start">
        <button type="button" className={styles.mode} aria-pressed={mode === 'template'} onClick={() => switchMode('template')}>
          From a template
        </button>
        <button type="button" className={styles.mode} aria-pressed={mode === 'scratch'} onClick={() => switchMode('scratch')}>
          From scratch
        </button>
      </div>

      {mode === 'template' ? (
        <>
          <Card title="1. Pick a template" description="Templates set the dialects and a starting description.">
            <TemplateGallery selectedId={template?.id ?? null} onSelect={setTemplate} />
          </Card>
          {template ? (
            <Card title="2. Name your project" description={`Based on “${template.name}”. You can change anything.`}>
              <ProjectForm
                key={template.id}
                label="Project from template"
                initial={{
                  ...emptyProjectValues(),
                  name: template.name,
                  description: template.description,
                  source_dialect: template.source_dialect,
                  target_dialect: template.target_dialect,
                }}
                onSubmit={submit}
                submitLabel="Create project"
                pending={create.isPending}
                error={create.error}
                onCancel={onCancel}
              />
            </Card>
          ) : null}
        </>
      ) : (
        <Card title="Project details">
          <ProjectForm
            label="New project"
            initial={emptyProjectValues()}
            onSubmit={submit}
            submitLabel="Create project"
            pending={create.isPending}
            error={create.error}
            onCancel={onCancel}
          />
        </Card>
      )}
    </div>
  );
}
