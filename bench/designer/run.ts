// The designer's figures in Chromium on a generated 300-node definition: time to first
// render, time to re-validate after one edit, frame time while dragging a node.
// Targets: under 1 s, under 16 ms, under 16 ms. Part of `npm run bench`, not of `npm test`.
// The machine is shared and loaded, so first render is the median of several page loads,
// alternated with loads of a 12-node definition measured the same way: the baseline (the
// bundle, Mantine, React Flow) that the 300 nodes add to. The page's performance marks split
// the time into layout, first commit and nodes measured.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { generateDefinition } from '../generate-definition';

export async function benchDesigner(runs = Number(process.env.DESIGNER_BENCH_RUNS ?? 5)): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'designer-bench-'));
  await build({
    entryPoints: [join(import.meta.dirname, 'page.tsx')], bundle: true, outdir: dir, format: 'iife', jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' }, minify: true, loader: { '.json': 'json' }, logLevel: 'error',
  });
  const doc = generateDefinition(300);
  const small = generateDefinition(12);
  for (const [name, d] of [['index', doc], ['small', small]] as const) {
    await writeFile(join(dir, `${name}.html`), `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="page.css"></head><body><div id="root"></div><script>window.__benchDoc=${JSON.stringify(d)}</script><script src="page.js"></script></body></html>`);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  /** One page load: ms from the bundle's start to the frame after the nodes are measured and edges drawn, and the marks. */
  const load = async (name: 'index' | 'small', n: number) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${join(dir, `${name}.html`)}`);
    await page.waitForFunction((count) => document.querySelectorAll('.react-flow__node').length >= count && document.querySelector('.react-flow__edge') !== null && performance.getEntriesByName('designer:nodes-measured').length > 0, n);
    const ms = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - (window as never as { __benchStart: number }).__benchStart))));
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime - (window as never as { __benchStart: number }).__benchStart])));
    return { page, ms, marks };
  };
  try {
    const big: number[] = [];
    const base: number[] = [];
    const layout: number[] = [];
    const commit: number[] = [];
    const measured: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await load('small', small.nodes.length);
      base.push(s.ms);
      await s.page.close();
      const b = await load('index', doc.nodes.length);
      big.push(b.ms);
      layout.push(b.marks['designer:layout-end'] - b.marks['designer:layout-start']);
      commit.push(b.marks['designer:first-commit']);
      measured.push(b.marks['designer:nodes-measured']);
      await b.page.close();
    }
    const { page } = await load('index', doc.nodes.length);
    const firstRender = median(big);
    await page.waitForFunction(() => (window as never as { __passerelleValidationMs?: number }).__passerelleValidationMs !== undefined);
    const validations: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.evaluate((k) => {
        const w = window as never as { __passerelleEditor: { getState(): { doc: { nodes: { id: string; label?: string }[] }; commit(d: unknown): void } }; __passerelleValidationMs?: number };
        const s = w.__passerelleEditor.getState();
        w.__passerelleValidationMs = undefined;
        s.commit({ ...s.doc, nodes: s.doc.nodes.map((n, j) => (j === 5 ? { ...n, label: `Étape ${k}` } : n)) });
      }, i);
      validations.push(await (await page.waitForFunction(() => (window as never as { __passerelleValidationMs?: number }).__passerelleValidationMs)).jsonValue() as number);
    }
    const node = page.locator('.react-flow__node').nth(3);
    const box = (await node.boundingBox())!;
    // A string, not a function: tsx names inner functions with a helper the page lacks.
    await page.evaluate(`(() => {
      window.__frames = []; window.__stop = false; let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    await page.mouse.up();
    const frames = await page.evaluate(() => { const w = window as never as { __frames: number[]; __stop: boolean }; w.__stop = true; return w.__frames.slice(1); });
    return {
      nodes: doc.nodes.length,
      firstRenderMs: Math.round(firstRender),
      firstRenderBaselineMs: Math.round(median(base)),
      layoutMs: Math.round(median(layout)),
      firstCommitMs: Math.round(median(commit)),
      nodesMeasuredMs: Math.round(median(measured)),
      revalidateMedianMs: Number(median(validations).toFixed(2)),
      dragFrameMedianMs: Number(median(frames).toFixed(1)),
      dragFrameP95Ms: Number(p95(frames).toFixed(1)),
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchDesigner());
}
