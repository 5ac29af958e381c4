// The bench cannot rot: `npm run bench -- --quick` runs as a real process (every section at
// small sizes, real Temporal, PostgreSQL, PGlite and `npm start`) and must write a result
// with every section and a number in every row. The full-size run stays out of `npm test`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECTIONS, type BenchResults } from '../../bench/run';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('writes every section with numeric values', { timeout: 360_000 }, async () => {
    const out = join(dir, 'latest.json');
    const child = spawn('npm', ['run', 'bench', '--', '--quick', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    const [code] = await once(child, 'exit');
    expect(code, output.join('')).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results.quick).toBe(true);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.memoryGiB).toBeGreaterThan(0);
    expect(Object.keys(results.sections).sort()).toEqual(SECTIONS.map((s) => s.name).sort());
    for (const [name, section] of Object.entries(results.sections)) {
      expect(section.error, name).toBeUndefined();
      expect(section.rows.length, name).toBeGreaterThan(0);
      for (const r of section.rows) {
        expect(Number.isFinite(r.value), `${name}: ${r.name}`).toBe(true);
        if (r.baseline !== null) expect(Number.isFinite(r.ratio), `${name}: ${r.name} ratio`).toBe(true);
      }
    }
    expect(output.join('')).toContain('Passerelle benchmark (quick)');
  });
});
