// One edge component for every transition. Forward edges are smooth steps with their caption
// half-way; an edge that goes back to an earlier column (a « changes requested » loop to an
// earlier task) is drawn as an arc above both ends, its caption at the top of the arc, so
// the loop is seen and its caption never sits on the forward edges' captions. An edge back
// to a node of the same column (a task and its « complete the file » task stacked) keeps its
// smooth step, captioned on its own first leg: two such edges in opposite directions would
// otherwise share one caption spot. Memoised; EDGE_TYPES is defined outside any component.
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { ProcessFlowEdge } from '../graph/convert';

/** Back edges to an earlier column: the target's entry is further left than a node's width from the source's exit. */
export const isLoop = (sourceX: number, targetX: number) => targetX < sourceX - 240;
/** Edges that turn back to a node of the same column (entry left of the exit, but not an earlier column). */
export const isReversal = (sourceX: number, targetX: number) => !isLoop(sourceX, targetX) && targetX < sourceX - 8;

/** The arc of a loop: up from the source's exit, left over both nodes, down into the target. */
export function loopPath(sx: number, sy: number, tx: number, ty: number): { path: string; labelX: number; labelY: number } {
  const lift = 70 + Math.min(160, (sx - tx) * 0.08);
  const top = Math.min(sy, ty) - lift;
  const r = 12;
  const path = [
    `M ${sx} ${sy}`, `L ${sx + 20 - r} ${sy}`, `Q ${sx + 20} ${sy} ${sx + 20} ${sy - r}`,
    `L ${sx + 20} ${top + r}`, `Q ${sx + 20} ${top} ${sx + 20 - r} ${top}`,
    `L ${tx - 20 + r} ${top}`, `Q ${tx - 20} ${top} ${tx - 20} ${top + r}`,
    `L ${tx - 20} ${ty - r}`, `Q ${tx - 20} ${ty} ${tx - 20 + r} ${ty}`, `L ${tx} ${ty}`,
  ].join(' ');
  return { path, labelX: (sx + tx) / 2, labelY: top };
}

function ProcessEdgeView(props: EdgeProps<ProcessFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style, interactionWidth } = props;
  const loop = isLoop(sourceX, targetX);
  const back = isReversal(sourceX, targetX);
  let path: string, labelX: number, labelY: number;
  if (loop) ({ path, labelX, labelY } = loopPath(sourceX, sourceY, targetX, targetY));
  else {
    [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
    // On the leg that leaves the source (x + 20, towards the middle height): its own spot.
    if (back) [labelX, labelY] = [sourceX + 20, sourceY + (targetY - sourceY) / 4];
  }
  // Captions are HTML above the canvas (EdgeLabelRenderer), not SVG text: no getBBox and
  // second render per caption, which on 300 nodes was a good part of the first render.
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} className={loop ? 'edge-loop-path' : undefined} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label${loop ? ' edge-label-loop' : back ? ' edge-label-back' : ''}${props.selected ? ' edge-label-selected' : ''}`}
            data-edge-id={props.id}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ProcessEdge = memo(ProcessEdgeView);

export const EDGE_TYPES: EdgeTypes = { process: ProcessEdge };
