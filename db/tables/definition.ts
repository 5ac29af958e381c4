import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Json } from '../json';

/** A process definition by key: its working draft. Published versions are separate rows. */
export interface DefinitionTable {
  key: string;
  name: string;
  /** The draft document as last saved; any JSON, valid or not. */
  draft: Json<unknown> | null;
  draft_updated_at: Date | null;
  updated_by: string | null;
  created_at: Generated<Date>;
}

/** An immutable published version: never updated once written. */
export interface DefinitionVersionTable {
  key: string;
  version: number;
  document: Json<unknown>;
  published_by: string | null;
  published_at: Generated<Date>;
}

export type DefinitionRow = Selectable<DefinitionTable>;
export type NewDefinition = Insertable<DefinitionTable>;
export type DefinitionUpdate = Updateable<DefinitionTable>;
export type DefinitionVersionRow = Selectable<DefinitionVersionTable>;
export type NewDefinitionVersion = Insertable<DefinitionVersionTable>;
