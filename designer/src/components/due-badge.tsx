import { Badge, Text } from '@mantine/core';
import { formatDate, formatDue } from '../format/dates';

/** A due date as a person reads it: the date, and "dans 3 jours" / "en retard de 2 jours" in colour. */
export function DueBadge({ due, now, overdue }: { due: string | null; now: Date; overdue?: boolean }) {
  if (!due) return <Text size="sm" c="dimmed">Sans échéance</Text>;
  const late = overdue ?? new Date(due) < now;
  const soon = !late && new Date(due).getTime() - now.getTime() < 14 * 86_400_000;
  return (
    <div>
      <Text size="sm">{formatDate(due)}</Text>
      <Badge size="sm" variant="light" color={late ? 'red' : soon ? 'orange' : 'gray'} radius="sm" tt="none">
        {formatDue(now, due)}
      </Badge>
    </div>
  );
}
