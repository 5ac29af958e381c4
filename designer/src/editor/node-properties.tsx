// The selected node's fields, by type. Each change is one committed edit of the document.
import { Button, Checkbox, Group, MultiSelect, Select, Stack, TagsInput, Text } from '@mantine/core';
import type { Definition, FormField, Node, NodeOf } from '../../../dsl/schema';
import { NODE_TYPE_LABELS } from '../graph/node-types';
import { BlurTextarea, BlurTextInput, DurationInput } from './fields';
import { SubprocessFields } from './subprocess-fields';

type Props<T extends Node = Node> = { node: T; doc: Definition; change: (patch: Partial<T> | ((n: T) => T)) => void };

const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function TaskFields({ node, doc, change }: Props<NodeOf<'task'>>) {
  const roles = doc.roles.map((r) => ({ value: r.key, label: r.label }));
  const vars = (doc.variables ?? []).map((v) => ({ value: v.name, label: v.label || v.name }));
  const form = node.form ?? [];
  return (
    <>
      <Select size="xs" label="Rôle assigné" data-field="assignee" data={roles} value={node.assignee} onChange={(v) => v && change({ assignee: v })} />
      <BlurTextarea label="Consignes" field="instructions" value={node.instructions ?? ''} onCommit={(v) => change((n) => clean({ ...n, instructions: v || undefined }))} />
      <TagsInput size="xs" label="Issues" data-field="outcomes" description="ex. approved, changes_requested, rejected" value={node.outcomes ?? ['done']} onChange={(v) => change((n) => clean({ ...n, outcomes: v.length === 0 || (v.length === 1 && v[0] === 'done') ? undefined : v }))} />
      <MultiSelect size="xs" label="Formulaire : variables" data-field="form" data={vars} value={form.map((f) => f.var)} onChange={(names) => change((n) => clean({ ...n, form: names.length ? names.map((name): FormField => form.find((f) => f.var === name) ?? { var: name }) : undefined }))} />
      {form.map((f) => (
        <Checkbox key={f.var} size="xs" label={`${f.var} obligatoire`} checked={f.required === true} onChange={(e) => { const on = e.currentTarget.checked; change((n) => ({ ...n, form: form.map((x) => (x.var === f.var ? clean({ ...x, required: on || undefined }) : x)) })); }} />
      ))}
      <DurationInput label="Échéance" field="due" value={node.due} onCommit={(due) => change((n) => clean({ ...n, due }))} />
      <Text size="xs" fw={600}>Relances (avant l’échéance)</Text>
      {(node.reminders ?? []).map((r, i) => (
        <Group key={`${i}-${r}`} gap={4} align="flex-end" wrap="nowrap">
          <DurationInput label={`Relance ${i + 1}`} field={i === 0 ? 'reminders' : undefined} value={r} clearable={false} onCommit={(v) => v && change((n) => ({ ...n, reminders: (n.reminders ?? []).map((x, j) => (j === i ? v : x)) }))} />
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => change((n) => clean({ ...n, reminders: (n.reminders ?? []).filter((_, j) => j !== i) }))} aria-label={`Retirer la relance ${i + 1}`}>×</Button>
        </Group>
      ))}
      <Button size="compact-xs" variant="light" onClick={() => change((n) => ({ ...n, reminders: [...(n.reminders ?? []), 'P7D'] }))}>Ajouter une relance</Button>
      <DurationInput label="Escalade après l’échéance" field="escalation" value={node.escalation?.after} onCommit={(after) => change((n) => clean({ ...n, escalation: after ? { after, to: n.escalation?.to ?? [doc.roles[0]?.key ?? ''] } : undefined }))} />
      {node.escalation && (
        <MultiSelect size="xs" label="Escalade vers" data={roles} value={node.escalation.to} onChange={(to) => change((n) => ({ ...n, escalation: { ...n.escalation!, to } }))} />
      )}
    </>
  );
}

function VariableInsert({ doc, onInsert }: { doc: Definition; onInsert: (name: string) => void }) {
  return <Select size="xs" label="Insérer une variable" placeholder="Choisir" value={null} data={(doc.variables ?? []).map((v) => ({ value: v.name, label: v.label || v.name }))} onChange={(v) => v && onInsert(v)} />;
}

function NotifyFields({ node, doc, change }: Props<NodeOf<'notify'>>) {
  return (
    <>
      <MultiSelect size="xs" label="Destinataires" data-field="to" data={doc.roles.map((r) => ({ value: r.key, label: r.label }))} value={node.to} onChange={(to) => change({ to })} />
      <BlurTextInput label="Objet" field="subject" value={node.subject} onCommit={(subject) => change({ subject })} />
      <VariableInsert doc={doc} onInsert={(v) => change((n) => ({ ...n, subject: `${n.subject} {{${v}}}` }))} />
      <BlurTextarea label="Message" field="body" value={node.body} onCommit={(body) => change({ body })} />
      <VariableInsert doc={doc} onInsert={(v) => change((n) => ({ ...n, body: `${n.body} {{${v}}}` }))} />
    </>
  );
}

function TimerFields({ node, doc, change }: Props<NodeOf<'timer'>>) {
  const dates = (doc.variables ?? []).filter((v) => v.type === 'date').map((v) => ({ value: v.name, label: v.label || v.name }));
  return (
    <>
      <DurationInput label="Attendre" field="wait" value={node.wait} onCommit={(wait) => change((n) => clean({ ...n, wait, until: wait ? undefined : n.until }))} />
      <Select size="xs" label="… ou jusqu’à la date" data-field="until" data={dates} value={node.until ?? null} clearable onChange={(until) => change((n) => clean({ ...n, until: until ?? undefined, wait: until ? undefined : n.wait }))} />
    </>
  );
}

function EndFields({ node, change }: Props<NodeOf<'end'>>) {
  return (
    <>
      <Select size="xs" label="Résultat" data-field="result" data={[{ value: 'completed', label: 'Terminé' }, { value: 'abandoned', label: 'Abandonné' }]} value={node.result ?? 'completed'} onChange={(r) => change((n) => clean({ ...n, result: r === 'abandoned' ? 'abandoned' : undefined }))} />
      <Checkbox size="xs" label="Arrêter tout le projet (annule les tâches ouvertes)" checked={node.terminate === true} onChange={(e) => { const on = e.currentTarget.checked; change((n) => clean({ ...n, terminate: on || undefined })); }} />
    </>
  );
}

function SetFields({ node, doc, change }: Props<NodeOf<'set'>>) {
  const entries = Object.entries(node.assign);
  const vars = (doc.variables ?? []).map((v) => ({ value: v.name, label: v.label || v.name }));
  return (
    <>
      {entries.map(([name, value]) => (
        <Group key={name} gap={4} grow align="flex-end">
          <Text size="xs">{name} ←</Text>
          <BlurTextInput label="Valeur" value={typeof value === 'object' && value !== null ? `{{${value.var}}}` : String(value)} onCommit={(t) => {
            const ref = /^\{\{(\w+)\}\}$/.exec(t);
            const v = doc.variables?.find((x) => x.name === name);
            const literal = ref ? { var: ref[1] } : v?.type === 'integer' || v?.type === 'number' ? Number(t) : v?.type === 'boolean' ? t === 'oui' || t === 'true' : t;
            change((n) => ({ ...n, assign: { ...n.assign, [name]: literal } }));
          }} />
        </Group>
      ))}
      <Select size="xs" label="Affecter une variable" placeholder="Choisir" value={null} data={vars.filter((v) => !(v.value in node.assign))} onChange={(name) => name && change((n) => ({ ...n, assign: { ...n.assign, [name]: '' } }))} />
    </>
  );
}

export function NodeProperties({ node, doc, change }: Props) {
  const phases = (doc.phases ?? []).map((p) => ({ value: p.key, label: p.label }));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={700}>{NODE_TYPE_LABELS[node.type]} <Text span size="xs" c="dimmed">({node.id})</Text></Text>
      <BlurTextInput label="Libellé" field="label" value={node.label ?? ''} onCommit={(label) => change((n) => clean({ ...n, label: label || undefined }))} />
      {phases.length > 0 && <Select size="xs" label="Phase" data-field="phase" data={phases} value={node.phase ?? null} clearable onChange={(phase) => change((n) => clean({ ...n, phase: phase ?? undefined }))} />}
      {node.type === 'task' && <TaskFields node={node} doc={doc} change={change as Props<NodeOf<'task'>>['change']} />}
      {node.type === 'notify' && <NotifyFields node={node} doc={doc} change={change as Props<NodeOf<'notify'>>['change']} />}
      {node.type === 'timer' && <TimerFields node={node} doc={doc} change={change as Props<NodeOf<'timer'>>['change']} />}
      {node.type === 'end' && <EndFields node={node} doc={doc} change={change as Props<NodeOf<'end'>>['change']} />}
      {node.type === 'set' && <SetFields node={node} doc={doc} change={change as Props<NodeOf<'set'>>['change']} />}
      {node.type === 'subprocess' && <SubprocessFields node={node} doc={doc} change={change as Props<NodeOf<'subprocess'>>['change']} />}
    </Stack>
  );
}
