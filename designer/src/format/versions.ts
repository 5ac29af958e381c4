// A published version in words: « Version 3 — publiée le 12 mars 2027 par Camille Martin »
// (without « par … » when the API does not know who published it).
import { formatDate } from './dates';

export interface VersionSummary {
  version: number;
  published_at: string;
  published_by_name?: string | null;
}

export function describeVersion(v: VersionSummary): string {
  return `Version ${v.version} — publiée le ${formatDate(v.published_at)}${v.published_by_name ? ` par ${v.published_by_name}` : ''}`;
}
