// Versions: who published which and when (« Version 3 — publiée le 12 mars 2027 par Camille Martin »), and the comparison of any two (or of the document
// being edited with one) marked on the canvas, with the changed fields listed.
import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Definition } from '../../../dsl/schema';
import { api, unwrap } from '../api/client';
import { NO_GHOSTS, type DecorationStore } from '../diagram/decorations';
import { formatDate } from '../format/dates';
import { describeVersion } from '../format/versions';
import { diffDefinitions, diffMarks, removedGhosts, type DefinitionDiff } from '../graph/diff';
import { useDefinitionDetail } from '../pages/definition-editor-page';
import { useEditor } from './store';

const CURRENT = 'courant';
const CHANGE_LABELS = { added: 'ajoutée', removed: 'retirée', changed: 'modifiée' } as const;

export function VersionsPanel({ decorations }: { decorations: DecorationStore }) {
  const { key = '' } = useParams();
  const detail = useDefinitionDetail(key);
  const doc = useEditor((s) => s.doc);
  const queries = useQueryClient();
  const versions = detail.data?.versions ?? [];
  const [a, setA] = useState<string | null>(versions[0] ? String(versions[0].version) : null);
  const [b, setB] = useState<string | null>(CURRENT);
  const [diff, setDiff] = useState<DefinitionDiff | null>(null);
  const options = [{ value: CURRENT, label: 'Document en cours' }, ...versions.map((v) => ({ value: String(v.version), label: `Version ${v.version} (${formatDate(v.published_at)})` }))];
  const load = async (which: string): Promise<Definition> => {
    if (which === CURRENT) return doc;
    const version = Number(which);
    const row = await queries.fetchQuery({ queryKey: ['definition', key, version], staleTime: Infinity, queryFn: () => unwrap(api.GET('/api/definitions/{key}/versions/{version}', { params: { path: { key, version } } })) });
    return row.document as Definition;
  };
  const compare = async () => {
    if (!a || !b) return;
    const before = await load(a);
    const d = diffDefinitions(before, await load(b));
    setDiff(d);
    decorations.setState({ diff: diffMarks(d), ghosts: removedGhosts(before, d) });
  };
  const clear = () => {
    setDiff(null);
    decorations.setState({ diff: {}, ghosts: NO_GHOSTS });
  };
  return (
    <Stack gap="xs" p="sm" style={{ overflowY: 'auto', height: '100%' }}>
      <Text size="sm" fw={700}>Versions publiées</Text>
      {versions.length === 0 && <Text size="xs" c="dimmed">Aucune version publiée.</Text>}
      {versions.map((v) => (
        <Text size="xs" key={v.version}>{describeVersion(v)}</Text>
      ))}
      <Text size="sm" fw={700} mt="sm">Comparer</Text>
      <Group grow gap={4}>
        <Select size="xs" label="Avant" data={options} value={a} onChange={setA} />
        <Select size="xs" label="Après" data={options} value={b} onChange={setB} />
      </Group>
      <Group gap={4}>
        <Button size="xs" onClick={compare} disabled={!a || !b}>Comparer</Button>
        {diff && <Button size="xs" variant="subtle" onClick={clear}>Effacer</Button>}
      </Group>
      {diff && (
        <section aria-label="Différences">
          {diff.elements.length === 0 && diff.document.length === 0 && <Text size="xs">Aucune différence.</Text>}
          {diff.document.length > 0 && <Text size="xs">Document : {diff.document.join(', ')}</Text>}
          {diff.elements.map((e) => (
            <Group key={`${e.kind}:${e.id}`} gap={4} wrap="nowrap" align="flex-start" mt={4}>
              <Badge size="xs" color={e.change === 'added' ? 'green' : e.change === 'removed' ? 'red' : 'yellow'}>{CHANGE_LABELS[e.change]}</Badge>
              <Text size="xs">
                {e.kind === 'node' ? 'Étape' : 'Transition'} « {e.label || e.id} »{e.fields.length > 0 && <> : {e.fields.map((f) => <code key={f}>{f} </code>)}</>}
              </Text>
            </Group>
          ))}
        </section>
      )}
    </Stack>
  );
}
