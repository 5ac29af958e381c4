// Publishes the shipped templates (templates/*.json) for the demonstration world. A template
// whose exact document is already one of its key's published versions is left alone, so
// seeding twice publishes nothing; a template changed since gets a new version. Templates
// that call others (subprocess) are published after them.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import canonicalize from 'canonicalize';
import { join } from 'node:path';
import type { Db } from '../../db/database';
import { publishDraft, saveDraft, type PublishRefusal } from '../../db/queries/definitions';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export function shippedTemplates(dir = TEMPLATES_DIR): { key: string; document: Record<string, unknown> }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ key: name.slice(0, -'.json'.length), document: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
}

/** JSON canonical by RFC 8785 (keys sorted): jsonb reorders keys, so documents are compared this way. */
const canonicalJson = (value: unknown): string => canonicalize(value) ?? 'null';

/** The version of `key` whose document is exactly `document`, if any. */
export async function identicalVersion(db: Db, key: string, document: unknown): Promise<number | undefined> {
  const wanted = canonicalJson(document);
  const rows = await db.selectFrom('definition_versions').select(['version', 'document']).where('key', '=', key).orderBy('version', 'desc').execute();
  return rows.find((r) => canonicalJson(r.document) === wanted)?.version;
}

/** Publishes every template not yet published as is; returns key → version to run. */
export async function publishTemplates(db: Db, adminId: string, now: Date): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  let pending = shippedTemplates();
  // Each round publishes what no longer waits for a missing subprocess definition.
  while (pending.length > 0) {
    const waiting: typeof pending = [];
    let lastRefusal: PublishRefusal | undefined;
    for (const template of pending) {
      const existing = await identicalVersion(db, template.key, template.document);
      if (existing !== undefined) {
        versions.set(template.key, existing);
        continue;
      }
      await saveDraft(db, template.key, template.document, adminId, now);
      const published = await publishDraft(db, template.key, adminId, now);
      if (published.ok) {
        versions.set(template.key, published.row.version);
      } else {
        lastRefusal = published;
        waiting.push(template);
      }
    }
    if (waiting.length === pending.length) {
      throw new Error(`templates cannot be published: ${waiting.map((t) => t.key).join(', ')}`, { cause: lastRefusal });
    }
    pending = waiting;
  }
  return versions;
}
