// /projects/:id : where a project stands. Its title, template and version; the phase over
// the definition's phases; who it waits on and how long is left; the diagram of the
// definition with its steps coloured; the timeline, variables and participants. Federation
// administrators can abandon it with a reason.
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiProblem, unwrap, type Schemas } from '../api/client';
import { useDefinitionVersion, useProject } from '../api/queries';
import { DueBadge } from '../components/due-badge';
import { PageError, PageLoader } from '../components/page-states';
import { ProcessDiagram } from '../diagram/process-diagram';
import { phaseLabel } from '../../../dsl/labels';
import type { Definition } from '../../../dsl/schema';
import { ProjectStatusBadge } from '../components/project-status-badge';
import { formatDate, formatDateTime } from '../format/dates';
import { taskPath } from '../format/paths';
import { ProjectAuditHistory } from '../project/audit-history';
import { PhaseProgress } from '../project/phase-progress';
import { describeEvent, nodeStatus, type Labels } from '../project/timeline-text';
import { isAdministrator, isFederationStaff } from '../session/permissions';
import { useMe } from '../session/session';
import { usePageTitle } from './use-page-title';

type Project = Schemas['ProjectDetail'];

export function ProjectPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  usePageTitle(project.data?.title);
  if (project.isPending) return <PageLoader />;
  if (project.isError) return <PageError error={project.error} what="Ce projet" />;
  return <ProjectView project={project.data} />;
}

function useLabels(project: Project, document: { nodes?: { id: string; label?: string }[] } | undefined): Labels {
  return useMemo(() => {
    const nodes = new Map((document?.nodes ?? []).map((n) => [n.id, n.label ?? n.id]));
    const roles = new Map(project.definition.roles.map((r) => [r.key, r.label]));
    return {
      node: (id) => (id === null ? '' : (nodes.get(id) ?? id)),
      role: (key) => roles.get(key) ?? key,
      phase: (key) => phaseLabel(project.definition, key),
    };
  }, [project, document]);
}

function ProjectView({ project }: { project: Project }) {
  const me = useMe();
  const now = new Date();
  const version = useDefinitionVersion(project.definition.key, project.definition.version);
  const document = version.data?.document as { nodes?: { id: string; label?: string }[] } | undefined;
  const labels = useLabels(project, document);
  const statusByNode = useMemo(() => nodeStatus(project.timeline, project.open_tasks.map((t) => t.node)), [project]);
  const finished = project.status === 'completed' || project.status === 'abandoned';

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        {isFederationStaff(me) ? <Anchor component={Link} to="/portefeuille">Portefeuille</Anchor> : <Anchor component={Link} to="/">Mes tâches</Anchor>}
        <Text size="sm">{project.title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{project.title}</Title>
          <Group gap="xs" mt={6}>
            <ProjectStatusBadge project={project} />
            <Text size="sm" c="dimmed">
              {project.definition.name} · version {project.definition.version}
              {project.academie ? ` · académie de ${project.academie}` : ''} · démarré le {formatDate(project.started_at)}
            </Text>
          </Group>
        </div>
        {isAdministrator(me) && (project.status === 'running' || project.status === 'blocked') && <CancelProject project={project} />}
      </Group>
      {project.blocked_reason && (
        <Alert color="red" title="Projet bloqué" role="alert">{project.blocked_reason}</Alert>
      )}
      <Paper withBorder p="lg">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="sm">Phase</Text>
        <PhaseProgress phases={project.definition.phases} current={project.phase} finished={finished} />
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="waiting-title">
        <Title order={2} size="h4" id="waiting-title" mb="sm">En attente de</Title>
        {project.open_tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {finished ? 'Ce projet est terminé : plus aucune tâche ouverte.' : project.status === 'blocked' ? 'Le projet est bloqué : plus rien ne peut avancer.' : 'Aucune tâche ouverte pour l’instant.'}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {project.open_tasks.map((task) => (
              <Paper key={task.task_id} withBorder p="md" bg={task.overdue ? 'red.0' : undefined}>
                <Anchor component={Link} to={taskPath(project.id, task.task_id)} fw={600}>{task.label ?? task.node}</Anchor>
                <Text size="sm" mt={4}>{(project.bindings[task.assignee] ?? []).map((o) => o.name).join(', ') || '—'}</Text>
                <Text size="xs" c="dimmed" mb="xs">{labels.role(task.assignee)}</Text>
                <DueBadge due={task.due_at} now={now} overdue={task.overdue} />
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Paper>
      <ProjectDiagramSection document={version.data?.document} status={statusByNode} />
      <Paper withBorder p="lg">
        <Tabs defaultValue="timeline">
          <Tabs.List mb="md">
            <Tabs.Tab value="timeline">Chronologie</Tabs.Tab>
            <Tabs.Tab value="variables">Variables</Tabs.Tab>
            <Tabs.Tab value="participants">Participants</Tabs.Tab>
            <Tabs.Tab value="audit">Historique des décisions</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="timeline">
            <ProjectTimeline project={project} labels={labels} />
          </Tabs.Panel>
          <Tabs.Panel value="variables">
            <VariablesTable project={project} document={version.data?.document} />
          </Tabs.Panel>
          <Tabs.Panel value="participants">
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Rôle</Table.Th><Table.Th>Organisations</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {project.definition.roles.map((role) => (
                  <Table.Tr key={role.key}>
                    <Table.Td>{role.label}</Table.Td>
                    <Table.Td>{(project.bindings[role.key] ?? []).map((o) => o.name).join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Tabs.Panel>
          <Tabs.Panel value="audit">
            <ProjectAuditHistory projectId={project.id} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}

function ProjectDiagramSection({ document, status }: { document: unknown; status: Record<string, 'done' | 'open' | 'pending'> }) {
  const definition = document as Definition | undefined;
  // Every step the timeline has not reached yet is pending.
  const full = useMemo(
    () => Object.fromEntries((definition?.nodes ?? []).map((n) => [n.id, status[n.id] ?? 'pending'])) as Record<string, 'done' | 'open' | 'pending'>,
    [definition, status],
  );
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="diagram-title">
      <Title order={2} size="h4" id="diagram-title" mb="sm">Diagramme du processus</Title>
      {definition ? <ProcessDiagram document={definition} status={full} /> : <PageLoader />}
    </Paper>
  );
}

function ProjectTimeline({ project, labels }: { project: Project; labels: Labels }) {
  const events = [...project.timeline].reverse();
  if (events.length === 0) return <Text size="sm" c="dimmed">Rien n’est encore arrivé.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.length}>
      {events.map((event) => {
        const { title, detail } = describeEvent(event, labels);
        return (
          <Timeline.Item key={`${event.seq}-${event.idx}`} title={title}>
            {detail && <Text size="sm">{detail}</Text>}
            <Text size="xs" c="dimmed">{formatDateTime(event.at)}</Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function VariablesTable({ project, document }: { project: Project; document: unknown }) {
  const variables = ((document as { variables?: { name: string; label?: string }[] } | undefined)?.variables ?? []);
  const labelOf = (name: string) => variables.find((v) => v.name === name)?.label ?? name;
  const entries = Object.entries(project.variables);
  if (entries.length === 0) return <Text size="sm" c="dimmed">Aucune variable renseignée.</Text>;
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table>
        <Table.Tbody>
          {entries.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th w="40%">{labelOf(name)}</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{typeof value === 'boolean' ? (value ? 'Oui' : 'Non') : String(value)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CancelProject({ project }: { project: Project }) {
  const queries = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim() === '') {
      setError('Indiquez le motif de l’abandon.');
      return;
    }
    setBusy(true);
    try {
      await unwrap(api.POST('/api/projects/{id}/cancel', { params: { path: { id: project.id } }, body: { reason: reason.trim() } }));
      notifications.show({ color: 'teal', title: 'Projet abandonné', message: project.title });
      setOpened(false);
      await queries.invalidateQueries({ queryKey: ['project', project.id] });
      await queries.invalidateQueries({ queryKey: ['inbox'] });
    } catch (e) {
      setError(e instanceof ApiProblem ? e.message : 'L’abandon a échoué.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outline" color="red" onClick={() => setOpened(true)}>Abandonner le projet</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Abandonner le projet" centered>
        <Stack>
          <Text size="sm">Les tâches ouvertes seront annulées et le projet ne pourra plus avancer.</Text>
          <Textarea label="Motif" required value={reason} onChange={(e) => { setReason(e.currentTarget.value); setError(null); }} error={error} autosize minRows={3} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>Garder le projet</Button>
            <Button color="red" loading={busy} onClick={submit}>Confirmer l’abandon</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
