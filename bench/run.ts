// `npm run bench`: every section, at full size; `-- --quick` every section at small sizes
// (under two minutes, run by the test suite so the bench cannot rot); `-- --only <name>`
// (repeatable, or comma-separated) one section. Rows go to bench/results/latest.json with the
// machine they ran on, and to a table on stdout. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';


import { atRestSection } from './at-rest';
import { designerSection } from './designer';
import { endToEndSection } from './end-to-end';
import { engineSection } from './engine';
import { readModelSection } from './read-model';
import type { Row, Section } from './section';
import { waitingSection } from './waiting';


/** Every section, in the order they run. Add a section here (and a file beside this one). */
export const SECTIONS: Section[] = [engineSection, designerSection, readModelSection, endToEndSection, atRestSection, waitingSection];

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: { cores: number; memoryGiB: number; cpu: string; node: string; platform: string; loadAverage: number[] };
  sections: Record<string, { seconds: number; rows: Row[]; error?: string }>;
}

function parseArgs(argv: string[]) {
  const only: string[] = [];
  let quick = false;
  let out = join(import.meta.dirname, 'results', 'latest.json');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--only') only.push(...(argv[++i] ?? '').split(','));
    else if (arg.startsWith('--only=')) only.push(...arg.slice(7).split(','));
    else if (arg === '--out') out = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log(`npm run bench [-- --quick] [--only <section>[,<section>]] [--out <file>]\n\nSections:`);
      for (const s of SECTIONS) console.log(`  ${s.name.padEnd(12)} ${s.describe}`);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  const unknown = only.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  return { quick, only, out };
}

export function machine(): BenchResults['machine'] {
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const show = (x: number | null) =>
  x === null ? '' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(Math.abs(x) >= 1 ? 2 : 3);

export function table(results: BenchResults): string {
  const lines: string[][] = [['section', 'figure', 'value', 'unit', 'baseline', 'ratio', 'target']];
  for (const [name, section] of Object.entries(results.sections)) {
    if (section.error) lines.push([name, `FAILED: ${section.error.split('\n')[0].slice(0, 100)}`, '', '', '', '', '']);
    for (const r of section.rows) lines.push([name, r.name, show(r.value), r.unit, show(r.baseline), show(r.ratio), r.target ?? '']);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const numeric = new Set([2, 4, 5]);
  return lines.map((l) => l.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

async function main() {
  const { quick, only, out } = parseArgs(process.argv.slice(2));
  const sections = only.length > 0 ? SECTIONS.filter((s) => only.includes(s.name)) : SECTIONS;
  const results: BenchResults = { date: new Date().toISOString(), quick, machine: machine(), sections: {} };
  const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
  const started = Date.now();
  let failed = false;
  for (const section of sections) {
    const t0 = Date.now();
    log(`${section.name}${quick ? ' (quick)' : ''}…`);
    try {
      const rows = await section.run({ quick, log });
      results.sections[section.name] = { seconds: (Date.now() - t0) / 1000, rows };
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${section.name} failed: ${message}`);
      results.sections[section.name] = { seconds: (Date.now() - t0) / 1000, rows: [], error: message };
    }
  }
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine;
  console.log(
    `Passerelle benchmark${quick ? ' (quick)' : ''} — ${m.cores} cores, ${m.memoryGiB} GiB, ${m.cpu}, Node ${m.node}, load ${m.loadAverage.join(' ')}, ${results.date}\n`,
  );
  console.log(table(results));
  console.log(`\n${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  // Sections start servers and pools; whatever they left must not keep the run alive.
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
