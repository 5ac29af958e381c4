// The process itself, shown when nothing is selected: name, roles, phases and variables.
import { Button, Group, Select, Stack, TagsInput, Text } from '@mantine/core';
import { VARIABLE_TYPES, type Definition, type Variable } from '../../../dsl/schema';
import { freshId } from '../graph/node-types';
import { useDecoration } from '../diagram/decorations';
import { BlurTextInput } from './fields';
import { useEditor } from './store';

const TYPE_LABELS: Record<string, string> = { string: 'texte court', text: 'texte long', integer: 'entier', number: 'nombre', boolean: 'oui/non', date: 'date', email: 'e-mail', url: 'adresse web', enum: 'liste de choix' };

type Keyed = { key: string; label: string };

function KeyedList({ title, items, prefix, onChange, colors }: { title: string; items: Keyed[]; prefix: string; onChange: (items: Keyed[]) => void; colors: Record<string, { color: string }> }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700}>{title}</Text>
      {items.map((item, i) => (
        <Group key={item.key} gap={4} wrap="nowrap" align="flex-end">
          <span className="diagram-legend-swatch" style={{ background: colors[item.key]?.color }} />
          <BlurTextInput style={{ flex: 1 }} aria-label={`${title} : ${item.key}`} field={`${prefix}-${item.key}`} value={item.label} onCommit={(label) => onChange(items.map((x, j) => (j === i ? { ...x, label } : x)))} />
          <Button size="compact-xs" variant="subtle" color="red" aria-label={`Retirer ${item.label}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>×</Button>
        </Group>
      ))}
      <Button size="compact-xs" variant="light" onClick={() => onChange([...items, { key: freshId(prefix, items.map((x) => x.key)), label: `Nouveau ${prefix === 'role' ? 'rôle' : 'phase'}` }])}>Ajouter</Button>
    </Stack>
  );
}

function Variables({ doc, commit }: { doc: Definition; commit: (d: Definition) => void }) {
  const vars = doc.variables ?? [];
  const set = (variables: Variable[]) => commit({ ...doc, variables });
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700}>Variables</Text>
      {vars.map((v, i) => (
        <Stack key={v.name} gap={2} p={4} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
          <Group gap={4} grow>
            <BlurTextInput aria-label={`Libellé de ${v.name}`} field={`variable-${v.name}`} value={v.label ?? v.name} onCommit={(label) => set(vars.map((x, j) => (j === i ? { ...x, label } : x)))} />
            <Select size="xs" aria-label={`Type de ${v.name}`} data={VARIABLE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} value={v.type} onChange={(t) => t && set(vars.map((x, j) => (j === i ? ({ name: x.name, label: x.label, type: t as Variable['type'], ...(t === 'enum' ? { options: ['a'] } : {}) } as Variable) : x)))} />
          </Group>
          {v.type === 'enum' && <TagsInput size="xs" aria-label={`Choix de ${v.name}`} value={v.options ?? []} onChange={(options) => set(vars.map((x, j) => (j === i ? { ...x, options } : x)))} />}
          <Text size="xs" c="dimmed">{v.name}</Text>
        </Stack>
      ))}
      <Button size="compact-xs" variant="light" onClick={() => set([...vars, { name: freshId('variable', vars.map((v) => v.name)), type: 'string' }])}>Ajouter une variable</Button>
    </Stack>
  );
}

export function DocumentPanel() {
  const doc = useEditor((s) => s.doc);
  const commit = useEditor((s) => s.commit);
  const roles = useDecoration((d) => d.roles);
  const phases = useDecoration((d) => d.phases);
  return (
    <Stack gap="sm">
      <Text size="sm" fw={700}>Processus</Text>
      <BlurTextInput label="Nom" field="name" value={doc.name} onCommit={(name) => commit({ ...doc, name })} />
      <KeyedList title="Rôles" prefix="role" items={doc.roles} colors={roles} onChange={(r) => commit({ ...doc, roles: r })} />
      <KeyedList title="Phases" prefix="phase" items={doc.phases ?? []} colors={phases} onChange={(p) => commit({ ...doc, phases: p })} />
      <Variables doc={doc} commit={commit} />
      <Text size="xs" c="dimmed">Sélectionnez une étape ou une transition pour modifier ses propriétés.</Text>
    </Stack>
  );
}
