// The problems region: errors, then warnings apart; a click selects the culprit on the
// canvas and focuses the field at fault in the properties panel.
import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type { PlacedProblem } from '../graph/problems';
import { useEditor } from './store';

function ProblemItem({ p, onPick }: { p: PlacedProblem; onPick: (p: PlacedProblem) => void }) {
  return (
    <UnstyledButton onClick={() => onPick(p)} className="problem-item" data-code={p.code} p={4} style={{ borderRadius: 4 }}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Badge size="xs" color={p.severity === 'error' ? 'red' : 'orange'} variant="light" style={{ flexShrink: 0 }}>
          {p.code}
        </Badge>
        <Text size="xs">{p.message}</Text>
      </Group>
    </UnstyledButton>
  );
}

export function ProblemsList({ extra = [] }: { extra?: PlacedProblem[] }) {
  const problems = useEditor((s) => s.problems);
  const focusOn = useEditor((s) => s.focusOn);
  const all = [...extra, ...problems];
  const errors = all.filter((p) => p.severity === 'error');
  const warnings = all.filter((p) => p.severity === 'warning');
  const pick = (p: PlacedProblem) => focusOn(p.target ? { kind: p.target.kind, id: p.target.id, field: p.field } : { kind: 'document', field: p.path.split('/')[1] });
  return (
    <section aria-label="Problèmes" style={{ borderTop: '1px solid var(--mantine-color-gray-3)', height: 130, display: 'flex', flexDirection: 'column' }}>
      <Group gap="xs" px={8} py={2}>
        <Text size="xs" fw={700}>Problèmes</Text>
        <Badge size="xs" color={errors.length ? 'red' : 'green'}>{errors.length} erreur{errors.length > 1 ? 's' : ''}</Badge>
        <Badge size="xs" color="orange" variant="light">{warnings.length} avertissement{warnings.length > 1 ? 's' : ''}</Badge>
      </Group>
      <ScrollArea style={{ flex: 1 }} px={6}>
        {all.length === 0 && <Text size="xs" c="dimmed" px={4}>Aucun problème : ce processus peut être publié.</Text>}
        {errors.length > 0 && (
          <Stack gap={0} role="list" aria-label="Erreurs">
            {errors.map((p, i) => <div role="listitem" key={`e${i}`}><ProblemItem p={p} onPick={pick} /></div>)}
          </Stack>
        )}
        {warnings.length > 0 && (
          <Stack gap={0} role="list" aria-label="Avertissements" mt={4}>
            {warnings.map((p, i) => <div role="listitem" key={`w${i}`}><ProblemItem p={p} onPick={pick} /></div>)}
          </Stack>
        )}
      </ScrollArea>
    </section>
  );
}
