// The selected edge: its label, the outcome it stands for (leaving a task), or its condition
// or « par défaut » (leaving an exclusive gateway).
import { Checkbox, Select, Stack, Text } from '@mantine/core';
import type { Condition, Definition, Edge } from '../../../dsl/schema';
import { ConditionEditor } from './condition-editor';
import { BlurTextInput } from './fields';

const clean = (e: Edge): Edge => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Edge;

export function EdgeProperties({ edge, doc, change }: { edge: Edge; doc: Definition; change: (f: (e: Edge) => Edge) => void }) {
  const source = doc.nodes.find((n) => n.id === edge.from);
  const target = doc.nodes.find((n) => n.id === edge.to);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={700}>Transition <Text span size="xs" c="dimmed">({edge.id})</Text></Text>
      <Text size="xs">De « {source?.label || edge.from} » vers « {target?.label || edge.to} »</Text>
      <BlurTextInput label="Libellé" field="label" value={edge.label ?? ''} onCommit={(label) => change((e) => clean({ ...e, label: label || undefined }))} />
      {source?.type === 'task' && (
        <Select size="xs" label="Issue" data-field="outcome" data={source.outcomes ?? ['done']} value={edge.outcome ?? null} clearable onChange={(outcome) => change((e) => clean({ ...e, outcome: outcome ?? undefined }))} />
      )}
      {source?.type === 'exclusive' && (
        <>
          <Checkbox size="xs" label="Transition par défaut" checked={edge.default === true} onChange={(ev) => { const on = ev.currentTarget.checked; change((e) => clean({ ...e, default: on || undefined, when: on ? undefined : e.when })); }} />
          {edge.default !== true && <ConditionEditor condition={edge.when} variables={doc.variables ?? []} onChange={(when: Condition | undefined) => change((e) => clean({ ...e, when }))} />}
        </>
      )}
    </Stack>
  );
}
