// Simulation in the browser with dsl/'s simulator: a start date, an outcome per task (the
// first visit; later visits take the default, so « changes requested » loops once), two
// scenarios compared (B starts with the first « changes requested » chosen: the happy path
// against one loop), each as a Gantt-like chart by phase with reminders and escalations
// marked, side by side in a wide window (stacked on phones) with the difference in words, and
// the path of scenario A highlighted on the canvas.
import { Alert, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { Definition } from '../../../dsl/schema';
import { simulate, ScriptError, type SimulationScript } from '../../../dsl/simulator';
import { validate } from '../../../dsl/validate';
import type { DecorationStore } from '../diagram/decorations';
import { phaseColor } from '../diagram/colors';
import { outcomeLabel } from '../forms/task-form';
import { scenarioDifference, summarize, type SimulationSummary } from '../graph/simulation-summary';
import { useEditor } from './store';

type Choices = Record<string, string>;

function Gantt({ s, phases }: { s: SimulationSummary; phases: string[] }) {
  const span = Math.max(1, s.end - s.start);
  const pct = (t: number) => `${((t - s.start) / span) * 100}%`;
  return (
    <div role="img" aria-label={`${s.total}, ${s.bars.length} phases`} style={{ position: 'relative' }}>
      {s.bars.map((b, i) => (
        <div key={`${b.phase}-${i}`} style={{ position: 'relative', height: 18, marginBottom: 2 }} title={`${b.label} : ${new Date(b.start).toLocaleDateString('fr-FR')} → ${new Date(b.end).toLocaleDateString('fr-FR')}`}>
          <div style={{ position: 'absolute', left: pct(b.start), width: `max(2px, calc(${pct(b.end)} - ${pct(b.start)}))`, top: 0, bottom: 0, background: phaseColor(Math.max(0, phases.indexOf(b.phase))), border: '1px solid rgba(0,0,0,.25)', borderRadius: 3 }} />
          <Text size="10px" style={{ position: 'relative', paddingLeft: 3, whiteSpace: 'nowrap' }}>{b.label}</Text>
        </div>
      ))}
      <div style={{ position: 'relative', height: 10 }}>
        {s.marks.map((m, i) => (
          <span key={i} title={`${m.type === 'reminder' ? 'Relance' : 'Escalade'} (${m.node}) le ${new Date(m.at).toLocaleDateString('fr-FR')}`} style={{ position: 'absolute', left: pct(m.at), top: 0, width: 3, height: 10, background: m.type === 'reminder' ? '#f08c00' : '#e03131' }} />
        ))}
      </div>
      <Text size="10px" c="dimmed">{s.marks.filter((m) => m.type === 'reminder').length} relance(s) ▮ orange, {s.marks.filter((m) => m.type === 'escalation').length} escalade(s) ▮ rouge</Text>
    </div>
  );
}

/** Scenario B's first choice: the first task that can ask for changes does, once. */
function loopOnce(doc: Definition): [Choices, Choices] {
  const task = doc.nodes.find((n) => n.type === 'task' && n.outcomes?.includes('changes_requested'));
  return [{}, task ? { [task.id]: 'changes_requested' } : {}];
}

function ScenarioCard({ name, r, phases, choices }: { name: string; r: SimulationSummary | string; phases: string[]; choices?: string }) {
  if (typeof r === 'string') return <Alert color="red" p="xs"><Text size="xs">{r}</Text></Alert>;
  return (
    <Paper withBorder p={8} component="section" aria-label={`Scénario ${name}`}>
      <Text size="sm" fw={700}>Scénario {name} : {r.total}</Text>
      <Text size="xs" c="dimmed" mb={4}>du {new Date(r.start).toLocaleDateString('fr-FR')} au {new Date(r.end).toLocaleDateString('fr-FR')}{choices ? ` — ${choices}` : ''}</Text>
      <Gantt s={r} phases={phases} />
    </Paper>
  );
}

export function SimulationPanel({ decorations }: { decorations: DecorationStore }) {
  const doc = useEditor((s) => s.doc);
  const [start, setStart] = useState(new Date().toISOString().slice(0, 10));
  const [choices, setChoices] = useState<[Choices, Choices]>(() => loopOnce(doc));
  const [results, setResults] = useState<(SimulationSummary | string)[]>([]);
  const [sideBySide, setSideBySide] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');
  const tasks = doc.nodes.filter((n) => n.type === 'task' && (n.outcomes?.length ?? 1) > 1);
  const phases = (doc.phases ?? []).map((p) => p.key);
  const [a, b] = results;
  const difference = a && b && typeof a !== 'string' && typeof b !== 'string' ? scenarioDifference(a, b) : null;
  const describeChoices = (k: number) => {
    const picked = Object.entries(choices[k]).filter(([, o]) => o).map(([id, o]) => `${doc.nodes.find((n) => n.id === id)?.label || id} : ${outcomeLabel(o)}`);
    return picked.length ? picked.join(' ; ') : 'issues par défaut';
  };
  const run = () => {
    const v = validate(doc);
    if (!v.valid) return setResults([`Le processus a ${v.errors.length} erreur(s) : corrigez-les pour le simuler.`]);
    const out = choices.map((c) => {
      const script: SimulationScript = { tasks: Object.fromEntries(Object.entries(c).filter(([, o]) => o).map(([node, outcome]) => {
        const first = (doc.nodes.find((n) => n.id === node) as { outcomes?: string[] }).outcomes?.[0];
        return [node, [{ outcome }, { outcome: first }]];
      })) };
      try {
        return summarize(simulate({ definition: doc, script, start: Date.parse(`${start}T09:00:00+01:00`) }), doc);
      } catch (e) {
        return e instanceof ScriptError ? e.message : 'Simulation impossible.';
      }
    });
    setResults(out);
    const first = out[0];
    decorations.setState({ path: typeof first === 'string' ? {} : Object.fromEntries(first.path.map((id) => [id, true as const])) });
  };
  return (
    <Stack gap="xs" p="sm" style={{ overflowY: 'auto', height: '100%' }}>
      <TextInput size="xs" type="date" label="Date de début" value={start} onChange={(e) => setStart(e.currentTarget.value)} />
      {tasks.length > 0 && <Text size="xs" fw={700}>Issues (première fois ; ensuite l’issue par défaut)</Text>}
      {tasks.map((t) => (
        <Group key={t.id} gap={4} grow wrap="nowrap">
          {[0, 1].map((k) => (
            <Select key={k} size="xs" label={k === 0 ? `${t.label || t.id} (A)` : '(B)'} placeholder="par défaut" clearable
              data={(t as { outcomes: string[] }).outcomes.map((o) => ({ value: o, label: outcomeLabel(o) }))} value={choices[k][t.id] ?? null}
              onChange={(o) => setChoices((c) => { const next: [Choices, Choices] = [{ ...c[0] }, { ...c[1] }]; next[k][t.id] = o ?? ''; return next; })} />
          ))}
        </Group>
      ))}
      <Group gap={4}>
        <Button size="xs" onClick={run}>Lancer la simulation</Button>
        {results.length > 0 && <Button size="xs" variant="subtle" onClick={() => { setResults([]); decorations.setState({ path: {} }); }}>Effacer</Button>}
      </Group>
      {difference && <Text size="xs" fw={700}>{difference}</Text>}
      {results.length === 2 && <Button size="xs" variant="light" onClick={() => setSideBySide(true)}>Comparer côte à côte</Button>}
      {results.map((r, i) => <ScenarioCard key={i} name={i === 0 ? 'A' : 'B'} r={r} phases={phases} choices={i === 0 ? 'chemin surligné sur le diagramme' : undefined} />)}
      <Modal opened={sideBySide} onClose={() => setSideBySide(false)} title="Deux scénarios côte à côte" size="min(1200px, 96vw)" fullScreen={phone}>
        {difference && <Text fw={700} mb="sm">{difference}</Text>}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {results.map((r, i) => <ScenarioCard key={i} name={i === 0 ? 'A' : 'B'} r={r} phases={phases} choices={describeChoices(i)} />)}
        </SimpleGrid>
      </Modal>
    </Stack>
  );
}
