// "Historique des décisions": the audit trail as a table (who, for which organization,
// when, what, before → after) with a CSV export. Used by the project page (one project's
// trail) and the administration's "Audit" tab (everything, filtered).
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { allPages } from '../api/queries';
import { PageError, PageLoader } from '../components/page-states';
import { formatDateTime } from '../format/dates';

type AuditEvent = Schemas['AuditEvent'];

export const AUDIT_TYPE_LABELS: Record<string, string> = {
  'task.completed': 'Tâche accomplie',
  'project.started': 'Projet démarré',
  'project.bindings_set': 'Rôles confiés',
  'project.cancelled': 'Projet abandonné',
  'definition.published': 'Processus publié',
  'user.created': 'Compte créé',
  'user.updated': 'Compte modifié',
  'user.anonymised': 'Compte anonymisé',
  'organization.created': 'Organisation créée',
  'organization.updated': 'Organisation modifiée',
  'token.created': 'Jeton d’API créé',
  'token.revoked': 'Jeton d’API révoqué',
};

const brief = (value: Record<string, unknown> | null) =>
  value === null
    ? '—'
    : Object.entries(value)
        .map(([k, v]) => `${k} : ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' · ');

export function AuditTable({ events, showProject }: { events: AuditEvent[]; showProject?: boolean }) {
  if (events.length === 0) return <Text c="dimmed">Aucune décision enregistrée.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quand</Table.Th>
            <Table.Th>Décision</Table.Th>
            <Table.Th>Qui</Table.Th>
            {showProject && <Table.Th>Projet</Table.Th>}
            <Table.Th>Avant</Table.Th>
            <Table.Th>Après</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>
                {AUDIT_TYPE_LABELS[e.type] ?? e.type}
                {e.subject && <Text size="xs" c="dimmed">{e.subject}</Text>}
              </Table.Td>
              <Table.Td>
                {e.actor?.name ?? 'Système'}
                {e.organization && <Text size="xs" c="dimmed">pour {e.organization.name}</Text>}
              </Table.Td>
              {showProject && <Table.Td>{e.project?.title ?? '—'}</Table.Td>}
              <Table.Td><Text size="xs">{brief(e.before)}</Text></Table.Td>
              <Table.Td><Text size="xs">{brief(e.after)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A link the browser downloads with the session cookie (a GET needs no CSRF token). */
export function CsvExportButton({ href }: { href: string }) {
  return (
    <Button component="a" href={href} download variant="light" size="xs" leftSection={<IconDownload size={14} />}>
      Exporter en CSV
    </Button>
  );
}

export function ProjectAuditHistory({ projectId }: { projectId: string }) {
  const trail = useQuery({
    queryKey: ['project', projectId, 'audit'],
    queryFn: () =>
      allPages<AuditEvent>((cursor) =>
        // JSON, since no `format=csv` is asked for (the other answer the route may give).
        unwrap(api.GET('/api/projects/{id}/audit', { params: { path: { id: projectId }, query: { limit: 100, cursor } } })) as Promise<
          Schemas['AuditPage']
        >,
      ),
  });
  if (trail.isPending) return <PageLoader />;
  if (trail.isError) return <PageError error={trail.error} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">Chaque décision prise sur ce projet, la plus récente d’abord. Cet historique ne se modifie pas.</Text>
        <CsvExportButton href={`/api/projects/${projectId}/audit?format=csv`} />
      </Group>
      {trail.data.length >= 1000 && <Alert color="yellow">Seules les 1 000 décisions les plus récentes sont affichées ; l’export CSV les contient toutes.</Alert>}
      <AuditTable events={trail.data} />
    </Stack>
  );
}
