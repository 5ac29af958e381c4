// The designer's figures in Chromium on a generated 300-node definition: time to first
// render, time to re-validate after one edit, frame time while dragging a node.
// Targets: under 1 s, under 16 ms, under 16 ms. Part of `npm run bench`, not of `npm test`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { generateDefinition } from '../generate-definition';

export async function benchDesigner(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'designer-bench-'));
  await build({
    entryPoints: [join(import.meta.dirname, 'page.tsx')], bundle: true, outdir: dir, format: 'iife', jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' }, minify: true, loader: { '.json': 'json' }, logLevel: 'error',
  });
  const doc = generateDefinition(300);
  await writeFile(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="page.css"></head><body><div id="root"></div><script>window.__benchDoc=${JSON.stringify(doc)}</script><script src="page.js"></script></body></html>`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${join(dir, 'index.html')}`);
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n * 0.1 && document.querySelector('.react-flow__node .pn') !== null, doc.nodes.length);
    const firstRender = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - (window as never as { __benchStart: number }).__benchStart))));
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
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
    return {
      nodes: doc.nodes.length,
      firstRenderMs: Math.round(firstRender),
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
