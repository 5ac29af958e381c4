// What every bench section shares: the row it returns, the options it gets, and small
// measuring helpers. A section is one file (engine.ts, end-to-end.ts, …) exporting a
// `Section`; run.ts lists them. Every figure carries the baseline it is compared with,
// measured in the same run on the same machine, so results compare across machines.

export interface Row {
  /** Stable, dotted-free label, e.g. "inbox p95 (PostgreSQL)". */
  name: string;
  value: number;
  unit: string;
  /** The same measure for the reference (bare Temporal, JSON round trip, node -e 0, …). */
  baseline: number | null;
  /** value / baseline (or the section's stated direction), null without a baseline. */
  ratio: number | null;
  /** What the issue asks, as text: "≥ 0.8", "< 50 ms". */
  target: string | null;
  /** What the baseline is, for the table and the JSON. */
  note?: string;
}

export interface SectionOptions {
  quick: boolean;
  /** Progress lines (stderr), so stdout stays the table. */
  log: (line: string) => void;
}

export interface Section {
  name: string;
  /** One line for the README and --help. */
  describe: string;
  run(options: SectionOptions): Promise<Row[]>;
}

export function row(
  name: string,
  value: number,
  unit: string,
  baseline: number | null = null,
  target: string | null = null,
  note?: string,
): Row {
  const ratio = baseline && baseline > 0 ? round(value / baseline, 3) : null;
  return { name, value: round(value, 3), unit, baseline: baseline === null ? null : round(baseline, 3), ratio, target, ...(note ? { note } : {}) };
}

export const round = (x: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Times `run` `rounds` times (after a few warm-ups) and returns the samples in ms. */
export async function sample(run: () => unknown, rounds: number, warmup = Math.min(10, rounds)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = nowMs();
    await run();
    samples.push(nowMs() - t0);
  }
  return samples;
}

/** Resident set size of a process in MiB, from /proc (Linux), or undefined. */
export async function rssMiB(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const match = status && /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** Pids of every descendant of `pid` (Linux /proc walk). */
export async function descendants(pid: number): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

export async function commandOf(pid: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ').trim();
}
