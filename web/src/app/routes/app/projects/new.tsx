import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/card';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { CreateProject } from '@/features/projects/components/create-project';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { Link } from 'react-router';

export default function NewProjectRoute() {
  useDocumentTitle('New project');
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <PageHeader
        eyebrow={<Link to={paths.projects}>Projects</Link>}
        title="New project"
        description="Start from a template for a common migration path, or set everything yourself."
      />
      <CreateProject
        onCreated={(project) => {
          toast.show(`Project “${project.name}” created`);
          navigate(paths.project(project.id));
        }}
        onCancel={() => navigate(paths.projects)}
      />
    </>
  );
}
