// The Temporal CLI lookup order: TEMPORAL_CLI, then PATH, then the project's venv.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTemporalCli, VENV_TEMPORAL } from '../../stack/temporal-cli';

const dir = mkdtempSync(join(tmpdir(), 'temporal-cli-'));
const fake = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
};

describe('finding the Temporal CLI', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes TEMPORAL_CLI first', () => {
    const cli = fake('my-temporal');
    expect(findTemporalCli({ TEMPORAL_CLI: cli, PATH: '' })).toBe(cli);
  });

  it('refuses a TEMPORAL_CLI that is not an executable, saying how to get one', () => {
    expect(() => findTemporalCli({ TEMPORAL_CLI: join(dir, 'missing'), PATH: '' })).toThrow(/npm run setup/);
  });

  it('then looks on PATH', () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(bin, 'temporal'), '#!/bin/sh\n');
    chmodSync(join(bin, 'temporal'), 0o755);
    expect(findTemporalCli({ PATH: `/nonexistent:${bin}` })).toBe(join(bin, 'temporal'));
  });

  it.skipIf(!existsSync(VENV_TEMPORAL))("then falls back to the project's venv", () => {
    expect(findTemporalCli({ PATH: '/nonexistent' })).toBe(VENV_TEMPORAL); // Installed by npm run setup.
  });
});
