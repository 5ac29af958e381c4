import type { Insertable, Selectable } from 'kysely';

/** Which organization holds which process role in a project. */
export interface ProjectParticipantTable {
  project_id: string;
  /** A role key of the project's definition. */
  role: string;
  organization_id: string;
}

export type ProjectParticipant = Selectable<ProjectParticipantTable>;
export type NewProjectParticipant = Insertable<ProjectParticipantTable>;
