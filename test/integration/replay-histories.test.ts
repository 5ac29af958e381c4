// Determinism: every recorded history (test/fixtures/histories, from
// `npm run histories:record`) replays against today's workflow code. A change that would
// break running projects fails here; guard such a change with patched() and record again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../worker/workflow-bundle';
import { installQuietRuntime } from '../support/temporal';

const DIR = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));

installQuietRuntime();

interface Recorded {
  name: string;
  histories: { workflowId: string; runId: string; history: unknown }[];
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const templates = readdirSync(fileURLToPath(new URL('../../templates/', import.meta.url))).filter((f) => f.endsWith('.json'));

describe('recorded project histories', () => {
  it('include a full run of every template', () => {
    for (const template of templates) expect(files, `run npm run histories:record`).toContain(template);
  });

  it('all replay against the current workflow code', async () => {
    const recorded = files.map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Recorded);
    const histories = recorded.flatMap((r) =>
      // The real workflow id: the workflow derives its children's ids from it.
      r.histories.map((h) => ({ workflowId: h.workflowId, history: historyFromJSON(h.history) })),
    );
    expect(histories.length).toBeGreaterThanOrEqual(templates.length);
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  }, 60_000);
});
