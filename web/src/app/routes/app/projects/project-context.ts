import { useOutletContext } from 'react-router';
import type { Project } from '@/api/types';

export type ProjectContext = { project: Project };

export function useProjectContext(): ProjectContext {
  return useOutletContext<ProjectContext>();
}
