// Edges as drawn: caption (the outcome in French, « par défaut », condition), arrow, French
// aria label and the classes that mark problems, differences, the simulated path or project
// progress. Pure. `createEdgePresenter` keeps each presented edge while nothing it shows has
// changed, so one validation or one edit re-renders the edges it touched, not all of them.
import { MarkerType } from '@xyflow/react';
import type { Variable } from '../../../dsl/schema';
import { outcomeLabel } from '../forms/task-form';
import { edgeCaption } from '../graph/conditions';
import type { ProcessFlowEdge } from '../graph/convert';
import type { Decorations } from './decorations';

export interface EdgeContext extends Pick<Decorations, 'problems' | 'diff' | 'path' | 'status'> {
  variables?: Variable[];
  nodeLabel: (id: string) => string;
}

const MARKER = { type: MarkerType.ArrowClosed, width: 18, height: 18 };
const BG_PADDING: [number, number] = [4, 2];

export function presentEdge(e: ProcessFlowEdge, ctx: EdgeContext): ProcessFlowEdge {
  const data = e.data?.edge ?? {};
  // A ghost: an edge removed since the compared version (see graph/diff.ts).
  const ghost = e.id.startsWith('ghost:');
  const own = edgeCaption(data, ctx.variables, outcomeLabel);
  const caption = ghost ? (own ? `supprimé : ${own}` : 'supprimé') : own;
  const classes: string[] = [];
  const problems = ctx.problems[`edge:${e.id}`];
  if (problems?.errors) classes.push('edge-error');
  else if (problems?.warnings) classes.push('edge-warning');
  const diff = ghost ? 'removed' : ctx.diff[`edge:${e.id}`];
  if (diff) classes.push(`edge-${diff}`);
  if (ctx.path[e.source] && ctx.path[e.target]) classes.push('edge-path');
  if (ctx.status[e.source] === 'done' && ctx.status[e.target] && ctx.status[e.target] !== 'pending') classes.push('edge-done');
  const from = ctx.nodeLabel(e.source);
  const to = ctx.nodeLabel(e.target);
  return {
    ...e,
    type: 'process',
    label: caption,
    className: classes.join(' ') || undefined,
    markerEnd: MARKER,
    ariaLabel: `Transition de « ${from} » vers « ${to} »${caption ? ` : ${caption}` : ''}${problems?.errors ? ' (erreur)' : ''}`,
    labelBgPadding: BG_PADDING,
    labelBgBorderRadius: 3,
  };
}

export function presentEdges(edges: ProcessFlowEdge[], ctx: EdgeContext): ProcessFlowEdge[] {
  return edges.map((e) => presentEdge(e, ctx));
}

/** What of the context one edge shows, to tell whether its presentation must change. */
function edgeKey(e: ProcessFlowEdge, ctx: EdgeContext): string {
  const p = ctx.problems[`edge:${e.id}`];
  return [
    p ? `${p.errors}/${p.warnings}` : '', ctx.diff[`edge:${e.id}`] ?? '', ctx.path[e.source] && ctx.path[e.target] ? 'p' : '',
    ctx.status[e.source] ?? '', ctx.status[e.target] ?? '', ctx.nodeLabel(e.source), ctx.nodeLabel(e.target),
  ].join('|');
}

/** presentEdges with memory: an edge object (same flow edge, same decorations) is handed back unchanged. */
export function createEdgePresenter() {
  let cache = new Map<string, { raw: ProcessFlowEdge; variables?: Variable[]; key: string; out: ProcessFlowEdge }>();
  return (edges: ProcessFlowEdge[], ctx: EdgeContext): ProcessFlowEdge[] => {
    const next = new Map<string, { raw: ProcessFlowEdge; variables?: Variable[]; key: string; out: ProcessFlowEdge }>();
    const out = edges.map((e) => {
      const key = edgeKey(e, ctx);
      const hit = cache.get(e.id);
      const entry = hit && hit.raw === e && hit.key === key && (hit.variables === ctx.variables || !e.data?.edge.when) ? hit : { raw: e, variables: ctx.variables, key, out: presentEdge(e, ctx) };
      next.set(e.id, entry);
      return entry.out;
    });
    cache = next;
    return out;
  };
}
