import { Badge } from '@mantine/core';

const STATUS: Record<string, { label: string; color: string }> = {
  running: { label: 'En cours', color: 'blue' },
  completed: { label: 'Achevé', color: 'teal' },
  abandoned: { label: 'Abandonné', color: 'gray' },
  blocked: { label: 'Bloqué', color: 'red' },
};

/** A project's status in French; an overdue running project says so. */
export function ProjectStatusBadge({ project }: { project: { status: string; overdue?: boolean } }) {
  const known = STATUS[project.status] ?? { label: project.status, color: 'gray' };
  return (
    <>
      <Badge color={known.color} variant="light" radius="sm" tt="none">{known.label}</Badge>
      {project.overdue && project.status === 'running' && <Badge color="red" radius="sm" tt="none">En retard</Badge>}
    </>
  );
}
