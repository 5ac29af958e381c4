// /processus : every definition (draft and published versions), and a new one made from
// scratch or by copying a template.
import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { KEY_PATTERN, type Definition } from '../../../dsl/schema';
import { api, ApiProblem, unwrap } from '../api/client';
import { PageError, PageLoader } from '../components/page-states';
import { formatDateTime } from '../format/dates';
import { blankDefinition } from '../graph/blank';
import { usePageTitle } from './use-page-title';

const TEMPLATES = Object.values(import.meta.glob<Definition>('../../../templates/*.json', { eager: true, import: 'default' }));

function NewDefinition({ taken }: { taken: string[] }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [template, setTemplate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keyError = key && !KEY_PATTERN.test(key) ? 'Minuscules, chiffres et tirets, commençant par une lettre.' : taken.includes(key) ? 'Cette clé existe déjà.' : null;
  const create = async () => {
    const source = TEMPLATES.find((t) => t.key === template);
    const doc: Definition = source ? { ...structuredClone(source), key, name } : blankDefinition(key, name);
    try {
      await unwrap(api.PUT('/api/definitions/{key}/draft', { params: { path: { key } }, body: doc as never }));
      navigate(`/processus/${key}`);
    } catch (e) {
      setError(e instanceof ApiProblem ? e.message : 'Création impossible.');
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">Nouveau processus</Title>
      <Group align="flex-end">
        <TextInput label="Nom" value={name} onChange={(e) => setName(e.currentTarget.value)} w={280} />
        <TextInput label="Clé" description="ex. ecole-de-lyon" value={key} error={keyError} onChange={(e) => setKey(e.currentTarget.value)} w={200} />
        <Select label="Modèle" placeholder="Vierge" clearable data={TEMPLATES.map((t) => ({ value: t.key, label: t.name }))} value={template} onChange={setTemplate} w={300} />
        <Button disabled={!name || !key || !!keyError} onClick={create}>Créer</Button>
      </Group>
      {error && <Text c="red" size="sm" mt="xs" role="alert">{error}</Text>}
    </Paper>
  );
}

export function DefinitionsPage() {
  usePageTitle('Processus');
  const list = useQuery({ queryKey: ['definitions'], queryFn: () => unwrap(api.GET('/api/definitions')) });
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <PageError error={list.error} />;
  return (
    <Stack gap="lg">
      <Title order={1}>Processus</Title>
      <Table striped highlightOnHover aria-label="Définitions de processus">
        <Table.Thead>
          <Table.Tr><Table.Th>Nom</Table.Th><Table.Th>Clé</Table.Th><Table.Th>Dernière version</Table.Th><Table.Th>Brouillon</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((d) => (
            <Table.Tr key={d.key}>
              <Table.Td><Anchor component={Link} to={`/processus/${d.key}`}>{d.name}</Anchor></Table.Td>
              <Table.Td><Text size="sm" ff="monospace">{d.key}</Text></Table.Td>
              <Table.Td>{d.latest_version ? `v${d.latest_version} du ${formatDateTime(d.latest_published_at!)}` : 'jamais publiée'}</Table.Td>
              <Table.Td>{d.draft_updated_at ? formatDateTime(d.draft_updated_at) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <NewDefinition taken={list.data.map((d) => d.key)} />
    </Stack>
  );
}
