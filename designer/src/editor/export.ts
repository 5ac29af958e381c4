// Files out and in: the document as JSON, the diagram as SVG or PNG (html-to-image 1.11.11,
// the version React Flow's export works with), and a JSON file read back.
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import type { Definition } from '../../../dsl/schema';

function download(href: string, name: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
}

export function exportJson(doc: Definition) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' }));
  download(url, `${doc.key}.json`);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function exportImage(kind: 'svg' | 'png', name: string, nodes?: Node[]) {
  const viewport = document.querySelector<HTMLElement>('.editor-canvas .react-flow__viewport');
  if (!viewport) return;
  const all = nodes ?? Array.from(document.querySelectorAll<HTMLElement>('.editor-canvas .react-flow__node')).map((el) => {
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(el.style.transform);
    return { id: el.dataset.id ?? '', position: { x: Number(m?.[1] ?? 0), y: Number(m?.[2] ?? 0) }, width: el.offsetWidth, height: el.offsetHeight, data: {} } as Node;
  });
  const bounds = getNodesBounds(all);
  const width = Math.min(8000, bounds.width + 80);
  const height = Math.min(8000, bounds.height + 80);
  const v = getViewportForBounds(bounds, width, height, 0.1, 1, 0.05);
  const options = { backgroundColor: '#ffffff', width, height, style: { width: `${width}px`, height: `${height}px`, transform: `translate(${v.x}px, ${v.y}px) scale(${v.zoom})` } };
  const data = kind === 'svg' ? await toSvg(viewport, options) : await toPng(viewport, options);
  download(data, `${name}.${kind}`);
}

export async function readJsonFile(file: File): Promise<{ doc: unknown } | { error: string }> {
  try {
    const doc = JSON.parse(await file.text());
    if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.nodes) || !Array.isArray(doc.edges) || !Array.isArray(doc.roles)) {
      return { error: 'Ce fichier n’est pas un document passerelle.process/1 (nodes, edges et roles attendus).' };
    }
    return { doc };
  } catch {
    return { error: 'Ce fichier n’est pas du JSON valide.' };
  }
}
