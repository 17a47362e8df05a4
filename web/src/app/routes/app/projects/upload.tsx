// The upload phase: schema files (drag and drop, dialect per file, preview) and live
// database connections, the two sources discovery reads.
import { Link } from 'react-router';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { FileUploader } from '@/features/files/components/file-uploader';
import { FilesTable } from '@/features/files/components/files-table';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectUploadRoute() {
  const { project } = useProjectContext();
  useDocumentTitle(`Upload · ${project.name}`);
  const canEdit = project.role !== 'viewer';
  return (
    <div className="stack" style={{ gap: 20 }}>
      <h2 className="visually-hidden">Upload</h2>
      {canEdit ? (
        <Card
          title="Upload schema files"
          labelledBy="upload-heading"
          description="Each file is checked, stored and parsed on the server; SQL files use the dialect you choose here."
        >
          <FileUploader projectId={project.id} defaultDialect={project.source_dialect} />
        </Card>
      ) : null}
      <Card
        title="Files"
        labelledBy="files-heading"
        description="Parsing runs in the background; a file is ready for discovery once it is parsed."
        actions={<Link to={paths.projectPhase(project.id, 'discovery')}>Go to discovery →</Link>}
      >
        <FilesTable projectId={project.id} canEdit={canEdit} />
      </Card>
    </div>
  );
}
