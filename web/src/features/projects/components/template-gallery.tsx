import type { ProjectTemplate } from '@/api/types';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, Skeleton } from '@/components/ui/feedback';
import { useTemplates } from '@/features/projects/api/get-templates';
import { DialectPair } from '@/features/projects/components/dialect-pair';
import styles from '@/features/projects/components/template-gallery.module.css';

const COMPLEXITY: Record<ProjectTemplate['complexity'], { label: string; tone: BadgeTone }> = {
  low: { label: 'Low complexity', tone: 'success' },
  medium: { label: 'Medium complexity', tone: 'warning' },
  high: { label: 'High complexity', tone: 'danger' },
};

export function TemplateCard({
  template,
  selected,
  onSelect,
}: {
  template: ProjectTemplate;
  selected: boolean;
  onSelect: (template: ProjectTemplate) => void;
}) {
  const complexity = COMPLEXITY[template.complexity] ?? { label: template.complexity, tone: 'neutral' as const };
  const headingId = `template-${template.id}`;
  return (
    <article className={[styles.card, selected ? styles.selected : ''].join(' ')} aria-labelledby={headingId}>
      <div className={styles.top}>
        <h3 id={headingId} className={styles.name}>
          {template.name}
        </h3>
        <Badge tone={complexity.tone}>{complexity.label}</Badge>
      </div>
      <div className={styles.dialects}>
        <DialectPair source={template.source_dialect} target={template.target_dialect} />
      </div>
      <p className={styles.description}>{template.description}</p>
      <div className={styles.meta}>
        <span>
          <span className="visually-hidden">Estimated duration: </span>
          <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" focusable="false" style={{ verticalAlign: '-2px', marginRight: 4 }}>
            <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          {template.estimated_duration}
        </span>
      </div>
      {template.tags.length > 0 ? (
        <ul className={styles.tags} aria-label="Tags">
          {template.tags.map((tag) => (
            <li key={tag} className={styles.tag}>
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      <Button
        variant={selected ? 'primary' : 'secondary'}
        onClick={() => onSelect(template)}
        aria-pressed={selected}
        aria-describedby={headingId}
      >
        {selected ? 'Selected' : 'Use this template'}
      </Button>
    </article>
  );
}

export function TemplateGallery({
  selectedId,
  onSelect,
}: {
  selectedId: string | null;
  onSelect: (template: ProjectTemplate) => void;
}) {
  const templates = useTemplates();
  if (templates.isPending) {
    return (
      <div role="status" aria-label="Loading templates" className="stack">
        <Skeleton width="40%" />
        <Skeleton />
        <Skeleton width="70%" />
      </div>
    );
  }
  if (templates.isError) {
    return <ErrorState title="The templates could not be loaded" error={templates.error} onRetry={() => void templates.refetch()} />;
  }
  if (templates.data.items.length === 0) {
    return <EmptyState title="No templates yet">Start from scratch instead.</EmptyState>;
  }
  return (
    <ul className={styles.grid} aria-label="Templates">
      {templates.data.items.map((t) => (
        <li key={t.id}>
          <TemplateCard template={t} selected={t.id === selectedId} onSelect={onSelect} />
        </li>
      ))}
    </ul>
  );
}
