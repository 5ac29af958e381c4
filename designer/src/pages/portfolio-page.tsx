// /portefeuille (federation staff): every project the person may see, as a board by phase
// (one per template, columns in the definition's phase order) and as a sortable table; the
// counts of overdue and soon-due work; filters by académie, template, status and phase (kept
// in the address, so a filtered view can be shared); the shown table as a CSV file.
import {
  Anchor, Badge, Button, Card, Group, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Tabs, Text, ThemeIcon, Title, UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconClockHour4, IconDownload, IconFolders, IconSelector } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDashboard, useDefinitions, useDefinitionVersions, useProjects } from '../api/queries';
import { DueBadge } from '../components/due-badge';
import { PageError, PageLoader } from '../components/page-states';
import { toCsv } from '../format/csv';
import { projectPath } from '../format/paths';
import {
  buildBoards, csvFileName, CSV_HEADER, csvRows, FILTER_PARAMS, isBlocked, nextSort, projectQuery, SORT_LABELS, sortProjects, STATUS_OPTIONS,
  statusColor, statusLabel, type Board, type PortfolioFilters, type ProjectItem, type Sort, type SortColumn,
} from '../portfolio/portfolio';
import { usePageTitle } from './use-page-title';
import classes from './portfolio-page.module.css';

export function PortfolioPage() {
  usePageTitle('Portefeuille');
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_PARAMS.map((name) => [name, params.get(name)])) as unknown as PortfolioFilters;
  const view = params.get('vue') === 'liste' ? 'liste' : 'phases';
  const setParam = (name: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    }, { replace: true });

  const projects = useProjects(projectQuery(filters));
  const dashboard = useDashboard();
  const definitions = useDefinitions();
  const [sort, setSort] = useState<Sort>({ column: 'due', descending: false });
  const now = useMemo(() => new Date(), [projects.dataUpdatedAt]);

  const names = useMemo(() => new Map((definitions.data ?? []).map((d) => [d.key, d.name])), [definitions.data]);
  const templateName = (key: string) => names.get(key) ?? key;
  const items = (projects.data ?? []) as ProjectItem[];
  const versions = useMemo(
    () => [...new Map(items.map((p) => [`${p.definition_key}@${p.definition_version}`, { key: p.definition_key, version: p.definition_version }])).values()],
    [items],
  );
  const documents = useDefinitionVersions(versions);
  const phasesOf = (key: string, version: number) => {
    const index = versions.findIndex((v) => v.key === key && v.version === version);
    const document = documents[index]?.data?.document as { phases?: Array<{ key: string; label: string }> } | undefined;
    return document?.phases;
  };
  const boards = buildBoards(items, phasesOf, templateName);
  const rows = sortProjects(items, sort, templateName);

  const academies = (dashboard.data?.by_academie ?? []).flatMap((a) => (a.academie ? [a.academie] : []));
  const phaseOptions = [
    ...new Map(
      [...(dashboard.data?.by_phase ?? []), ...items.map((p) => ({ phase: p.phase, label: p.phase_label }))]
        .flatMap((p) => (p.phase ? [[p.phase, { value: p.phase, label: p.label ?? p.phase }] as const] : [])),
    ).values(),
  ].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  if (filters.phase && !phaseOptions.some((o) => o.value === filters.phase)) phaseOptions.push({ value: filters.phase, label: filters.phase });
  const templates = (definitions.data ?? [])
    .filter((d) => d.latest_version !== null)
    .map((d) => ({ value: d.key, label: d.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  const filtered = FILTER_PARAMS.some((name) => filters[name]);

  const exportCsv = () => {
    const csv = toCsv(CSV_HEADER, csvRows(rows, templateName, now, window.location.origin));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(now);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Portefeuille</Title>
          <Text c="dimmed" size="sm">
            {projects.data
              ? `${items.length} projet${items.length > 1 ? 's' : ''}${filtered ? ' correspondant aux filtres' : ' suivis'}`
              : 'Tous les projets suivis par la fédération'}
          </Text>
        </div>
        <Button leftSection={<IconDownload size={18} aria-hidden />} variant="light" onClick={exportCsv} disabled={!projects.data || rows.length === 0}>
          Exporter en CSV
        </Button>
      </Group>

      <Counts dashboard={dashboard.data} />

      <Paper withBorder p="md" component="section" aria-label="Filtres">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Select label="Académie" placeholder="Toutes" data={academies} value={filters.academie} onChange={(v) => setParam('academie', v)} clearable searchable />
          <Select label="Modèle" placeholder="Tous" data={templates} value={filters.template} onChange={(v) => setParam('template', v)} clearable searchable />
          <Select label="Statut" placeholder="Tous" data={STATUS_OPTIONS} value={filters.status} onChange={(v) => setParam('status', v)} clearable />
          <Select label="Phase" placeholder="Toutes" data={phaseOptions} value={filters.phase} onChange={(v) => setParam('phase', v)} clearable searchable />
        </SimpleGrid>
        {filtered && (
          <Button variant="subtle" size="xs" mt="sm" onClick={() => setParams(view === 'liste' ? { vue: 'liste' } : {}, { replace: true })}>
            Effacer les filtres
          </Button>
        )}
      </Paper>

      <Tabs value={view} onChange={(v) => setParam('vue', v === 'liste' ? 'liste' : null)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="phases">Par phase</Tabs.Tab>
          <Tabs.Tab value="liste">Liste</Tabs.Tab>
        </Tabs.List>
        {projects.isPending ? (
          <PageLoader />
        ) : projects.isError ? (
          <PageError error={projects.error} />
        ) : items.length === 0 ? (
          <Paper withBorder p="xl" ta="center">
            <Text fw={600}>Aucun projet</Text>
            <Text c="dimmed" size="sm">{filtered ? 'Aucun projet ne correspond à ces filtres.' : 'Aucun projet n’a encore été démarré.'}</Text>
          </Paper>
        ) : (
          <>
            <Tabs.Panel value="phases">
              <Stack gap="xl">
                {boards.map((board) => <BoardView key={board.definitionKey} board={board} now={now} />)}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="liste">
              <ProjectTable rows={rows} sort={sort} onSort={setSort} templateName={templateName} now={now} />
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </Stack>
  );
}

function Counts({ dashboard }: { dashboard: ReturnType<typeof useDashboard>['data'] }) {
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const stat = (label: string, value: string, detail: string, color: string, icon: ReactNode, alert = false) => (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={color} size="lg" radius="md" aria-hidden visibleFrom="sm">{icon}</ThemeIcon>
        <div>
          <Text size="sm" c="dimmed" lh={1.3}>{label}</Text>
          <Text fw={700} size="xl" lh={1.2} c={alert ? `${color}.8` : undefined}>{value}</Text>
          <Text size="xs" c="dimmed">{detail}</Text>
        </div>
      </Group>
    </Paper>
  );
  if (!dashboard) return null;
  return (
    <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }} component="section" aria-label="Compteurs">
      {stat('Projets en cours', String(dashboard.by_status.running), `sur ${plural(dashboard.total, 'projet')} au total`, 'passerelle', <IconFolders size={20} />)}
      {stat('En retard', plural(dashboard.overdue.projects, 'projet'), plural(dashboard.overdue.tasks, 'tâche') + ' en retard', 'red', <IconAlertTriangle size={20} />, dashboard.overdue.projects > 0)}
      {stat(
        `Échéance sous ${dashboard.due_soon.days} jours`,
        plural(dashboard.due_soon.projects, 'projet'),
        plural(dashboard.due_soon.tasks, 'tâche') + ' à rendre',
        'orange',
        <IconClockHour4 size={20} />,
        dashboard.due_soon.projects > 0,
      )}
    </SimpleGrid>
  );
}

function StatusBadges({ project }: { project: ProjectItem }) {
  return (
    <Group gap={6}>
      {project.status !== 'running' && (
        <Badge size="sm" radius="sm" tt="none" color={statusColor(project.status)} variant={isBlocked(project) ? 'filled' : 'light'}>
          {statusLabel(project.status)}
        </Badge>
      )}
      {project.overdue && <Badge size="sm" radius="sm" tt="none" color="red" variant="light">En retard</Badge>}
    </Group>
  );
}

function BoardView({ board, now }: { board: Board; now: Date }) {
  const wide = useMediaQuery('(min-width: 48em)', true);
  const headingId = `board-${board.definitionKey}`;
  const columns = board.columns.map((column) => (
    <section key={column.key ?? '∅'} className={classes.column} aria-label={`${board.name} : ${column.label}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb="xs">
        <Text fw={600} size="sm">{column.label}</Text>
        <Badge size="sm" variant="white" color="gray" radius="sm" miw="max-content" aria-label={`${column.projects.length} projet(s)`}>{column.projects.length}</Badge>
      </Group>
      <Stack gap="xs">
        {column.projects.length === 0 && <Text size="xs" c="dimmed">Aucun projet</Text>}
        {column.projects.map((project) => (
          <Card key={project.id} withBorder padding="sm" className={isBlocked(project) ? classes.blocked : undefined}>
            <Anchor component={Link} to={projectPath(project.id)} fw={600} size="sm" className={classes.title}>{project.title}</Anchor>
            <Text size="xs" c="dimmed" mb={6}>{project.academie ? `Académie de ${project.academie}` : 'Sans académie'}</Text>
            {isBlocked(project) && project.blocked_reason && <Text size="xs" c="red.9" mb={6}>{project.blocked_reason}</Text>}
            <StatusBadges project={project} />
            {project.status !== 'completed' && project.status !== 'abandoned' && (
              <div className={classes.due}><DueBadge due={project.next_due_at} now={now} overdue={project.overdue} /></div>
            )}
          </Card>
        ))}
      </Stack>
    </section>
  ));
  return (
    <section aria-labelledby={headingId}>
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={headingId}>{board.name}</Title>
        <Text size="sm" c="dimmed">{board.count} projet{board.count > 1 ? 's' : ''}</Text>
      </Group>
      {wide ? (
        <ScrollArea type="auto" offsetScrollbars>
          <div className={classes.board} style={{ gridTemplateColumns: `repeat(${board.columns.length}, minmax(220px, 1fr))` }}>{columns}</div>
        </ScrollArea>
      ) : (
        // On a phone the columns stack; the empty ones are only named, to keep the page short.
        <Stack gap="sm">
          {columns.filter((_, i) => board.columns[i]!.projects.length > 0)}
          {board.columns.some((c) => c.projects.length === 0) && (
            <Text size="xs" c="dimmed">
              Sans projet : {board.columns.filter((c) => c.projects.length === 0).map((c) => c.label).join(', ')}.
            </Text>
          )}
        </Stack>
      )}
    </section>
  );
}

interface TableProps {
  rows: ProjectItem[];
  sort: Sort;
  onSort(sort: Sort): void;
  templateName(key: string): string;
  now: Date;
}

function ProjectTable({ rows, sort, onSort, templateName, now }: TableProps) {
  const wide = useMediaQuery('(min-width: 62em)', true);
  const header = (column: SortColumn) => {
    const active = sort.column === column;
    const Icon = active ? (sort.descending ? IconChevronDown : IconChevronUp) : IconSelector;
    return (
      <Table.Th aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton onClick={() => onSort(nextSort(sort, column))} className={classes.sort}>
          {SORT_LABELS[column]}
          <Icon size={14} aria-hidden />
        </UnstyledButton>
      </Table.Th>
    );
  };
  if (!wide) {
    return (
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <Select
            label="Trier par"
            data={Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }))}
            value={sort.column}
            onChange={(v) => v && onSort({ column: v as SortColumn, descending: sort.descending })}
            allowDeselect={false}
            style={{ flex: 1 }}
          />
          <Button variant="default" onClick={() => onSort({ ...sort, descending: !sort.descending })}>
            {sort.descending ? 'Décroissant' : 'Croissant'}
          </Button>
        </Group>
        {rows.map((project) => (
          <Card key={project.id} withBorder padding="md" className={isBlocked(project) ? classes.blocked : undefined}>
            <Anchor component={Link} to={projectPath(project.id)} fw={600}>{project.title}</Anchor>
            <Text size="sm">{templateName(project.definition_key)}</Text>
            <Text size="xs" c="dimmed" mb="xs">
              {[project.academie && `Académie de ${project.academie}`, project.phase_label ?? project.phase, statusLabel(project.status)].filter(Boolean).join(' · ')}
            </Text>
            {isBlocked(project) && project.blocked_reason && <Text size="xs" c="red.9" mb={6}>{project.blocked_reason}</Text>}
            <Group justify="space-between" align="flex-end">
              <DueBadge due={project.next_due_at} now={now} overdue={project.overdue} />
              <StatusBadges project={project} />
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {header('title')}
              {header('template')}
              {header('academie')}
              {header('phase')}
              {header('status')}
              {header('due')}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((project) => (
              <Table.Tr key={project.id} className={isBlocked(project) ? classes.blockedRow : undefined}>
                <Table.Td>
                  <Anchor component={Link} to={projectPath(project.id)} fw={600}>{project.title}</Anchor>
                  {isBlocked(project) && project.blocked_reason && <Text size="xs" c="red.9">{project.blocked_reason}</Text>}
                </Table.Td>
                <Table.Td><Text size="sm">{templateName(project.definition_key)}</Text></Table.Td>
                <Table.Td><Text size="sm">{project.academie ?? '—'}</Text></Table.Td>
                <Table.Td><Text size="sm">{project.phase_label ?? project.phase ?? '—'}</Text></Table.Td>
                <Table.Td>
                  <Badge size="sm" radius="sm" tt="none" color={statusColor(project.status)} variant={isBlocked(project) ? 'filled' : 'light'} miw="max-content">
                    {statusLabel(project.status)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    {project.status === 'completed' || project.status === 'abandoned' ? (
                      <Text size="sm" c="dimmed">—</Text>
                    ) : (
                      <DueBadge due={project.next_due_at} now={now} overdue={project.overdue} />
                    )}
                    {project.overdue && <Badge size="sm" radius="sm" tt="none" color="red.9" variant="filled">En retard</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
