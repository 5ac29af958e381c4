// One component draws every node type, its shape chosen by type: tasks as cards edged in
// their role's colour, gateways as diamonds, starts and ends as pills, with a stripe in the
// phase's colour. Decorations (problems, status, differences, simulated path) come from the
// diagram's decoration store through narrow selectors, so editing one node re-renders one node.
import { IconArrowsSplit, IconClock, IconFlag, IconMail, IconPlayerPlay, IconPlus, IconStack2, IconUserCheck, IconVariable } from '@tabler/icons-react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import type { NodeType } from '../../../dsl/schema';
import type { ProcessFlowNode } from '../graph/convert';
import { NODE_TYPE_LABELS } from '../graph/node-types';
import { useDecoration } from './decorations';

const DIFF_TAGS = { added: 'ajouté', removed: 'supprimé', changed: 'modifié' } as const;

const ICONS: Record<NodeType, typeof IconFlag> = {
  start: IconPlayerPlay,
  end: IconFlag,
  task: IconUserCheck,
  timer: IconClock,
  exclusive: IconArrowsSplit,
  parallel: IconPlus,
  notify: IconMail,
  set: IconVariable,
  subprocess: IconStack2,
};

function ProcessNodeView({ id, type, data, selected }: NodeProps<ProcessFlowNode>) {
  const kind = type as NodeType;
  const node = data.node as { label?: string; phase?: string; assignee?: string; process?: string };
  const role = useDecoration((d) => (node.assignee ? d.roles[node.assignee] : undefined));
  const phase = useDecoration((d) => (node.phase ? d.phases[node.phase] : undefined));
  const problems = useDecoration((d) => d.problems[`node:${id}`]);
  const status = useDecoration((d) => d.status[id]);
  const ghost = data.ghost === true;
  const diff = useDecoration((d) => (ghost ? 'removed' : d.diff[`node:${id}`]));
  const onPath = useDecoration((d) => d.path[id] === true);
  const Icon = ICONS[kind] ?? IconFlag;
  const classes = ['pn', `pn-${kind}`];
  if (selected) classes.push('pn-selected');
  if (status) classes.push(`pn-status-${status}`);
  if (diff) classes.push(`pn-diff-${diff}`);
  if (ghost) classes.push('pn-ghost');
  if (onPath) classes.push('pn-path');
  if (problems?.errors) classes.push('pn-error');
  else if (problems?.warnings) classes.push('pn-warning');
  const style = { '--role': role?.color ?? '#868e96', '--phase': phase?.color ?? 'transparent' } as CSSProperties;
  const label = node.label || id;
  const gateway = kind === 'exclusive' || kind === 'parallel';
  const subtitle = kind === 'task' ? (role?.label ?? node.assignee) : kind === 'subprocess' ? node.process : NODE_TYPE_LABELS[kind];
  return (
    <div className={classes.join(' ')} style={style} data-node-id={id}>
      {kind !== 'start' && <Handle type="target" position={Position.Left} />}
      {gateway ? (
        <>
          <div className="pn-diamond" aria-hidden>
            <Icon size={22} />
          </div>
          <div className="pn-below">{label}</div>
        </>
      ) : (
        <>
          {phase && <div className="pn-phase" title={phase.label} />}
          <div className="pn-kind">
            <Icon size={13} aria-hidden />
            <span>{subtitle}</span>
          </div>
          <div className="pn-label">{label}</div>
        </>
      )}
      {diff && <div className={`pn-tag pn-tag-${diff}`}>{DIFF_TAGS[diff]}</div>}
      {problems && (problems.errors > 0 || problems.warnings > 0) && (
        <div className={problems.errors ? 'pn-badge pn-badge-error' : 'pn-badge pn-badge-warning'} title={problems.messages.join('\n')}>
          {problems.errors || problems.warnings}
        </div>
      )}
      {kind !== 'end' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const ProcessNode = memo(ProcessNodeView);

/** Defined once, outside components, as React Flow asks. */
export const NODE_TYPES: NodeTypes = Object.fromEntries(
  (['start', 'end', 'task', 'timer', 'exclusive', 'parallel', 'notify', 'set', 'subprocess'] as const).map((t) => [t, ProcessNode]),
);
