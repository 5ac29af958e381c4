// / : my open tasks across projects, overdue first then by due date (the API's order), with
// project, phase, role, due date and how long each has waited; filtered by project and status.
import { Anchor, Badge, Card, Group, Paper, Select, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { useInbox } from '../api/queries';
import { DueBadge } from '../components/due-badge';
import { PageError, PageLoader } from '../components/page-states';
import { formatSince } from '../format/dates';
import { taskPath } from '../format/paths';
import { usePageTitle } from './use-page-title';

type Item = Schemas['InboxItem'];
type StatusFilter = 'all' | 'overdue' | 'soon' | 'undated';

const SOON_MS = 14 * 86_400_000;

export function matchesStatus(item: Item, status: StatusFilter, now: Date): boolean {
  if (status === 'overdue') return item.overdue;
  if (status === 'soon') return !item.overdue && item.due_at !== null && new Date(item.due_at).getTime() - now.getTime() <= SOON_MS;
  if (status === 'undated') return item.due_at === null;
  return true;
}

const taskName = (item: Item) => item.label ?? item.node;

export function InboxPage() {
  usePageTitle('Mes tâches');
  const inbox = useInbox();
  const [project, setProject] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const wide = useMediaQuery('(min-width: 48em)', true);
  const now = useMemo(() => new Date(), [inbox.dataUpdatedAt]);

  const items = inbox.data ?? [];
  const projects = useMemo(() => {
    const byId = new Map(items.map((i) => [i.project_id, i.project_title]));
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }, [items]);
  const shown = items.filter((i) => (!project || i.project_id === project) && matchesStatus(i, status, now));
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Mes tâches</Title>
          {inbox.data && (
            <Text c="dimmed" size="sm">
              {items.length === 0 ? 'Aucune tâche ouverte' : `${items.length} tâche${items.length > 1 ? 's' : ''} ouverte${items.length > 1 ? 's' : ''}`}
              {overdue > 0 && `, dont ${overdue} en retard`}
            </Text>
          )}
        </div>
      </Group>
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md">
          <Select
            label="Projet"
            placeholder="Tous les projets"
            data={projects}
            value={project}
            onChange={setProject}
            clearable
            searchable
            w={{ base: '100%', sm: 320 }}
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="inbox-status">Statut</Text>
            <SegmentedControl
              aria-labelledby="inbox-status"
              value={status}
              onChange={(v) => setStatus(v as StatusFilter)}
              data={[
                { value: 'all', label: 'Toutes' },
                { value: 'overdue', label: 'En retard' },
                { value: 'soon', label: 'Sous 14 jours' },
                { value: 'undated', label: 'Sans échéance' },
              ]}
            />
          </div>
        </Group>
      </Paper>
      {inbox.isPending ? (
        <PageLoader />
      ) : inbox.isError ? (
        <PageError error={inbox.error} />
      ) : shown.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>Rien à faire ici</Text>
          <Text c="dimmed" size="sm">
            {items.length === 0 ? 'Vous n’avez aucune tâche ouverte. Les nouvelles tâches apparaîtront ici.' : 'Aucune tâche ne correspond à ces filtres.'}
          </Text>
        </Paper>
      ) : wide ? (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tâche</Table.Th>
                  <Table.Th>Projet</Table.Th>
                  <Table.Th>Rôle</Table.Th>
                  <Table.Th>Échéance</Table.Th>
                  <Table.Th>En attente</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((item) => (
                  <Table.Tr key={`${item.project_id}/${item.task_id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={taskPath(item.project_id, item.task_id)} fw={600}>
                        {taskName(item)}
                      </Anchor>
                      {item.escalated && <Badge ml="xs" size="xs" color="red" variant="filled">Escaladée</Badge>}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/projects/${item.project_id}`} c="dark" size="sm">{item.project_title}</Anchor>
                      {item.phase_label && <Text size="xs" c="dimmed">{item.phase_label}</Text>}
                    </Table.Td>
                    <Table.Td><Text size="sm">{item.assignee_label}</Text></Table.Td>
                    <Table.Td><DueBadge due={item.due_at} now={now} overdue={item.overdue} /></Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{formatSince(now, item.opened_at)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : (
        <Stack gap="sm">
          {shown.map((item) => (
            <Card key={`${item.project_id}/${item.task_id}`} withBorder padding="md">
              <Anchor component={Link} to={taskPath(item.project_id, item.task_id)} fw={600}>
                {taskName(item)}
              </Anchor>
              <Text size="sm">{item.project_title}</Text>
              <Text size="xs" c="dimmed" mb="xs">
                {[item.phase_label, item.assignee_label].filter(Boolean).join(' · ')} · {formatSince(now, item.opened_at)}
              </Text>
              <DueBadge due={item.due_at} now={now} overdue={item.overdue} />
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
