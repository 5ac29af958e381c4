// Checks on what each node and edge says, one at a time: references to roles, phases and
// variables, durations, value types, and the shape rules zod cannot express because they
// depend on context (spec 2–4). The graph as a whole is validate-flow.ts's job.
import { opAppliesTo, opValueShape } from './conditions';
import { nominalMs, parseDuration } from './durations';
import { placeholderNames } from './placeholders';
import { pointer, type PathSegment } from './problems';
import type { Condition } from './schema';
import { checkLiteral, useRole, usePhase, useVariable, type Context } from './validate-context';
import { edgeName, nodeName, quote } from './validate-messages';
import { feeds } from './values';
import type { LooseNode } from './validate-model';

type At = (...rest: PathSegment[]) => string;

function checkDuration(ctx: Context, text: string, path: string, who: string): boolean {
  if (parseDuration(text) !== null) return true;
  ctx.sink.add('bad_duration', path, `${who} : ${quote(text)} n’est pas une durée ISO 8601 valide (par exemple P5D ou PT2H)`);
  return false;
}

function checkTask(ctx: Context, node: Extract<LooseNode, { type: 'task' }>, at: At, who: string): void {
  if (node.assignee !== undefined) useRole(ctx, node.assignee, at('assignee'), who);
  const fields = new Set<string>();
  (node.form ?? []).forEach((field, k) => {
    if (fields.has(field.var)) {
      ctx.sink.add('schema', at('form', k, 'var'), `${who} : la variable « ${field.var} » figure deux fois dans le formulaire`);
    }
    fields.add(field.var);
    useVariable(ctx, field.var, at('form', k, 'var'), who);
  });
  const outcomes = new Set<string>();
  (node.outcomes ?? []).forEach((outcome, k) => {
    if (outcomes.has(outcome)) ctx.sink.add('schema', at('outcomes', k), `${who} : l’issue ${quote(outcome)} est en double`);
    outcomes.add(outcome);
  });

  const hasDue = node.raw.due !== undefined;
  const due = node.due !== undefined && checkDuration(ctx, node.due, at('due'), who) ? nominalMs(node.due) : null;
  if (!hasDue && Array.isArray(node.raw.reminders) && node.raw.reminders.length > 0) {
    ctx.sink.add('reminder_without_due', at('reminders'), `${who} : des rappels demandent une échéance (due)`);
  }
  (node.reminders ?? []).forEach((reminder, k) => {
    if (!checkDuration(ctx, reminder, at('reminders', k), who) || due === null) return;
    if (nominalMs(reminder) >= due) {
      ctx.sink.add(
        'reminder_without_due',
        at('reminders', k),
        `${who} : le rappel ${quote(reminder)} doit être plus court que l’échéance ${quote(node.due)}`,
      );
    }
  });
  if (!hasDue && node.raw.escalation !== undefined) {
    ctx.sink.add('reminder_without_due', at('escalation'), `${who} : une escalade demande une échéance (due)`);
  }
  if (node.escalation) {
    checkDuration(ctx, node.escalation.after, at('escalation', 'after'), who);
    node.escalation.to.forEach((role, k) => useRole(ctx, role, at('escalation', 'to', k), who));
  }
}

function checkTimer(ctx: Context, node: Extract<LooseNode, { type: 'timer' }>, at: At, who: string): void {
  const hasWait = node.raw.wait !== undefined;
  const hasUntil = node.raw.until !== undefined;
  if (!hasWait && !hasUntil) {
    ctx.sink.add('schema', at(), `${who} : un minuteur attend soit une durée (wait), soit une date (until)`);
  } else if (hasWait && hasUntil) {
    ctx.sink.add('schema', at(), `${who} : un minuteur a une durée (wait) ou une date (until), pas les deux`);
  }
  if (node.wait !== undefined) checkDuration(ctx, node.wait, at('wait'), who);
  if (node.until !== undefined) {
    const variable = useVariable(ctx, node.until, at('until'), who);
    if (variable && variable.type !== 'date') {
      ctx.sink.add('type_mismatch', at('until'), `${who} : la variable « ${node.until} » n’est pas une date`);
    }
  }
}

function checkNotify(ctx: Context, node: Extract<LooseNode, { type: 'notify' }>, at: At, who: string): void {
  (node.to ?? []).forEach((role, k) => useRole(ctx, role, at('to', k), who));
  for (const field of ['subject', 'body'] as const) {
    const text = node[field];
    if (text === undefined) continue;
    for (const name of placeholderNames(text)) useVariable(ctx, name, at(field), who);
  }
}

function checkSet(ctx: Context, node: Extract<LooseNode, { type: 'set' }>, at: At, who: string): void {
  for (const [name, value] of Object.entries(node.assign ?? {})) {
    const target = useVariable(ctx, name, at('assign', name), who);
    if (value !== null && typeof value === 'object') {
      const source = useVariable(ctx, value.var, at('assign', name, 'var'), who);
      if (target && source && !feeds(source, target)) {
        ctx.sink.add(
          'type_mismatch',
          at('assign', name),
          `${who} : la variable « ${value.var} » (${source.type}) ne peut pas être copiée dans « ${name} » (${target.type})`,
        );
      }
    } else if (target) {
      checkLiteral(ctx, target, value, at('assign', name), who);
    }
  }
}

function checkSubprocess(ctx: Context, node: Extract<LooseNode, { type: 'subprocess' }>, at: At, who: string): void {
  // Mappings are checked on the parent side only: the child's variables are not known here
  // (where the child is known, checkSubprocesses compares the two sides).
  for (const [child, parent] of Object.entries(node.input ?? {})) useVariable(ctx, parent, at('input', child), who);
  for (const parent of Object.keys(node.output ?? {})) useVariable(ctx, parent, at('output', parent), who);
}

export function checkNodes(ctx: Context): void {
  for (const node of ctx.doc.nodes ?? []) {
    const at: At = (...rest) => pointer('nodes', node.index, ...rest);
    const who = nodeName(node);
    if (node.phase !== undefined && !node.broken.has('phase')) usePhase(ctx, node.phase, at('phase'), who);
    if (node.type === 'task') checkTask(ctx, node, at, who);
    else if (node.type === 'timer') checkTimer(ctx, node, at, who);
    else if (node.type === 'notify') checkNotify(ctx, node, at, who);
    else if (node.type === 'set') checkSet(ctx, node, at, who);
    else if (node.type === 'subprocess') checkSubprocess(ctx, node, at, who);
  }
}

function checkCondition(ctx: Context, condition: Condition, path: PathSegment[], who: string): void {
  if ('all' in condition) return condition.all.forEach((c, k) => checkCondition(ctx, c, [...path, 'all', k], who));
  if ('any' in condition) return condition.any.forEach((c, k) => checkCondition(ctx, c, [...path, 'any', k], who));
  if ('not' in condition) return checkCondition(ctx, condition.not, [...path, 'not'], who);
  const { op, value } = condition;
  const valuePath = pointer(...path, 'value');
  const shape = opValueShape(op);
  let shapeOk = false;
  if (shape === 'none' && value !== undefined) {
    ctx.sink.add('schema', valuePath, `${who} : l’opérateur exists ne prend pas de valeur`);
  } else if (shape !== 'none' && value === undefined) {
    ctx.sink.add('schema', valuePath, `${who} : l’opérateur ${op} demande une valeur`);
  } else if (shape === 'list' && !Array.isArray(value)) {
    ctx.sink.add('schema', valuePath, `${who} : l’opérateur ${op} demande une liste de valeurs`);
  } else if (shape === 'single' && Array.isArray(value)) {
    ctx.sink.add('schema', valuePath, `${who} : l’opérateur ${op} demande une seule valeur, pas une liste`);
  } else {
    shapeOk = true;
  }
  const variable = useVariable(ctx, condition.var, pointer(...path, 'var'), who);
  if (!variable) return;
  if (!opAppliesTo(op, variable.type)) {
    ctx.sink.add(
      'type_mismatch',
      pointer(...path, 'op'),
      `${who} : l’opérateur ${op} ne s’applique pas à la variable « ${variable.name} » (${variable.type})`,
    );
    return;
  }
  if (!shapeOk || value === undefined) return;
  if (Array.isArray(value)) value.forEach((v, k) => checkLiteral(ctx, variable, v, `${valuePath}/${k}`, who));
  // `contains` looks for a piece of text: any string will do, not only a valid whole value.
  else if (op === 'contains') {
    if (typeof value !== 'string') checkLiteral(ctx, { name: variable.name, type: 'string' }, value, valuePath, who);
  } else checkLiteral(ctx, variable, value, valuePath, who);
}

/** Fields only allowed on edges leaving a task (`outcome`) or an exclusive gateway (`when`, `default`). */
export function checkEdges(ctx: Context): void {
  const nodes = new Map<string, LooseNode>();
  for (const n of ctx.doc.nodes ?? []) if (!nodes.has(n.id)) nodes.set(n.id, n);
  for (const edge of ctx.doc.edges ?? []) {
    const at: At = (...rest) => pointer('edges', edge.index, ...rest);
    const who = edgeName(edge);
    const from = edge.from === null ? undefined : nodes.get(edge.from);
    if (from && from.type !== null) {
      if (edge.raw.outcome !== undefined && from.type !== 'task') {
        ctx.sink.add('schema', at('outcome'), `${who} : seule une transition qui part d’une tâche peut porter une issue`);
      }
      for (const field of ['when', 'default'] as const) {
        if (edge.raw[field] !== undefined && from.type !== 'exclusive') {
          ctx.sink.add('schema', at(field), `${who} : seule une transition qui part d’une passerelle exclusive peut avoir « ${field} »`);
        }
      }
    }
    if (edge.when) checkCondition(ctx, edge.when, ['edges', edge.index, 'when'], who);
  }
}
