// The latest published version of a definition, for a subprocess. A key with no published
// version is a business refusal (the publish check `unknown_process` should prevent it), so
// it fails without retries. Imports db/.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/database';
import type { DefinitionSnapshot } from '../workflows/messages';

export async function loadDefinition(db: Db, key: string): Promise<DefinitionSnapshot> {
  const row = await db
    .selectFrom('definition_versions')
    .select(['key', 'version', 'document'])
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    throw ApplicationFailure.create({
      type: 'unknown_process',
      message: `Aucune version publiée du processus « ${key} ».`,
      nonRetryable: true,
    });
  }
  return { key: row.key, version: row.version, document: row.document };
}
