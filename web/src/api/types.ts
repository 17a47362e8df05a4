// Short names for the generated API types (src/api/schema.gen.ts).
import type { components, paths } from '@/api/schema.gen';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type User = Schemas['User'];
export type Session = Schemas['Session'];
export type ProfileUpdate = Schemas['ProfileUpdate'];
export type ProfileUpdateResponse = Schemas['ProfileUpdateResponse'];
export type RegisterRequest = Schemas['RegisterRequest'];
export type LoginRequest = Schemas['LoginRequest'];
export type Dialect = Schemas['Dialect'];
export type Role = Schemas['Role'];
export type PhaseStatus = Schemas['PhaseStatus'];
export type PhaseState = PhaseStatus['state'];
export type Project = Schemas['Project'];
export type ProjectStatus = Project['status'];
export type ProjectPage = Schemas['ProjectPage'];
export type ProjectCreate = Schemas['ProjectCreate'];
export type ProjectUpdate = Schemas['ProjectUpdate'];
export type ProjectTemplate = Schemas['ProjectTemplate'];
export type Member = Schemas['Member'];
export type MemberCreate = Schemas['MemberCreate'];

export type ProjectsQuery = NonNullable<paths['/api/v1/projects']['get']['parameters']['query']>;
export type ProjectSort = NonNullable<ProjectsQuery['sort']>;
export type PhaseName = paths['/api/v1/projects/{id}/phases/{phase}']['parameters']['path']['phase'];
export type TemplateList =
  paths['/api/v1/project-templates']['get']['responses'][200]['content']['application/json'];
export type MemberList =
  paths['/api/v1/projects/{id}/members']['get']['responses'][200]['content']['application/json'];
export type SchemaFile = Schemas['SchemaFile'];
export type FileStatus = SchemaFile['status'];
export type UploadResult = Schemas['UploadResult'];
export type FileContent = Schemas['FileContent'];
export type Job = Schemas['Job'];
export type JobState = Job['state'];
export type FileList =
  paths['/api/v1/projects/{id}/files']['get']['responses'][200]['content']['application/json'];
