// /projects/:id/tasks/:task : what to do (instructions), the form generated from the
// definition's variables, one button per outcome and an optional comment. Values are checked
// in the browser with the engine's rules, and the server's refusals land on their fields.
// A finished task shows who did what and when; someone without the role sees why not.
import { Alert, Anchor, Badge, Breadcrumbs, Button, Divider, Group, Paper, Stack, Text, Textarea, Title, Typography } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import Markdown from 'react-markdown';
import { Link, useParams } from 'react-router';
import { api, ApiProblem, unwrap, type Schemas } from '../api/client';
import { useTask } from '../api/queries';
import { DueBadge } from '../components/due-badge';
import { PageError, PageLoader } from '../components/page-states';
import { formatDateTime } from '../format/dates';
import { projectPath } from '../format/paths';
import { FormFieldInput } from '../forms/form-field-input';
import { collectValues, initialValues, outcomeLabel, type RawValues } from '../forms/task-form';
import { usePageTitle } from './use-page-title';

type Task = Schemas['TaskDetail'];

export function TaskPage() {
  const { id = '', task: taskId = '' } = useParams();
  const task = useTask(id, taskId);
  usePageTitle(task.data ? (task.data.label ?? task.data.node) : undefined);
  if (task.isPending) return <PageLoader />;
  if (task.isError) return <PageError error={task.error} what="Cette tâche" />;
  return <TaskView task={task.data} />;
}

function TaskView({ task }: { task: Task }) {
  const now = new Date();
  const title = task.label ?? task.node;
  return (
    <Stack gap="lg" maw={860}>
      <Breadcrumbs>
        <Anchor component={Link} to="/">Mes tâches</Anchor>
        <Anchor component={Link} to={projectPath(task.project_id)}>{task.project_title}</Anchor>
      </Breadcrumbs>
      <div>
        <Title order={1}>{title}</Title>
        <Group gap="xs" mt={6}>
          <Badge variant="light" radius="sm" tt="none">{task.assignee_label}</Badge>
          <StatusBadge task={task} />
          {task.escalated && task.status === 'open' && <Badge color="red" radius="sm" tt="none">Escaladée</Badge>}
        </Group>
      </div>
      <Paper withBorder p="lg">
        <Group gap="xl" align="flex-start">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Échéance</Text>
            <DueBadge due={task.due_at} now={now} overdue={task.overdue} />
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Ouverte le</Text>
            <Text size="sm">{formatDateTime(task.opened_at)}</Text>
          </div>
        </Group>
        {task.instructions && (
          <>
            <Divider my="md" />
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>Instructions</Text>
            <Typography>
              <Markdown>{task.instructions}</Markdown>
            </Typography>
          </>
        )}
      </Paper>
      {task.status === 'completed' ? (
        <CompletedTask task={task} />
      ) : task.status === 'cancelled' ? (
        <Alert color="gray" title="Tâche annulée">Cette tâche a été annulée{task.closed_at ? ` le ${formatDateTime(task.closed_at)}` : ''} : il n’y a plus rien à faire.</Alert>
      ) : task.can_complete ? (
        <CompletionForm task={task} />
      ) : (
        <Alert color="blue" title="Vous ne pouvez pas accomplir cette tâche">
          Elle revient au rôle « {task.assignee_label} », que votre organisation ne tient pas dans ce projet.
        </Alert>
      )}
    </Stack>
  );
}

function StatusBadge({ task }: { task: Task }) {
  if (task.status === 'completed') return <Badge color="teal" radius="sm" tt="none">Terminée</Badge>;
  if (task.status === 'cancelled') return <Badge color="gray" radius="sm" tt="none">Annulée</Badge>;
  return <Badge color={task.overdue ? 'red' : 'blue'} variant="outline" radius="sm" tt="none">{task.overdue ? 'En retard' : 'À faire'}</Badge>;
}

function CompletedTask({ task }: { task: Task }) {
  const entries = Object.entries(task.values ?? {});
  const labelOf = (name: string) => task.form.find((f) => f.var === name)?.label ?? name;
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">Réponse</Title>
        <Text>
          {task.completed_by ?? 'Quelqu’un'} a choisi <strong>{task.outcome ? outcomeLabel(task.outcome) : '—'}</strong>
          {task.closed_at && <> le {formatDateTime(task.closed_at)}</>}.
        </Text>
        {entries.length > 0 && (
          <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', gap: '4px 16px' }}>
            {entries.map(([name, value]) => (
              <div key={name} style={{ display: 'contents' }}>
                <Text component="dt" size="sm" c="dimmed">{labelOf(name)}</Text>
                <Text component="dd" size="sm" m={0}>{typeof value === 'boolean' ? (value ? 'Oui' : 'Non') : String(value)}</Text>
              </div>
            ))}
          </dl>
        )}
        {task.comment && (
          <Paper bg="gray.0" p="sm">
            <Text size="xs" c="dimmed">Commentaire</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{task.comment}</Text>
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

function CompletionForm({ task }: { task: Task }) {
  const queries = useQueryClient();
  const [raw, setRaw] = useState<RawValues>(() => initialValues(task.form));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  // One key per intended completion: a retried click is the same request, never a second one.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [task.task_id, sending === null]);
  useEffect(() => setRaw(initialValues(task.form)), [task.form]);

  const complete = async (outcome: string) => {
    setFailure(null);
    const { values, errors: local } = collectValues(task.form, raw);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFailure('Certaines valeurs du formulaire ne conviennent pas : corrigez les champs signalés.');
      return;
    }
    setSending(outcome);
    try {
      await unwrap(
        api.POST('/api/projects/{id}/tasks/{taskId}/complete', {
          params: { path: { id: task.project_id, taskId: task.task_id }, header: { 'idempotency-key': idempotencyKey } },
          body: { outcome, values, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      );
      notifications.show({ color: 'teal', title: 'Tâche accomplie', message: `« ${task.label ?? task.node} » : ${outcomeLabel(outcome)}.` });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['inbox'] }),
        queries.invalidateQueries({ queryKey: ['project', task.project_id] }),
      ]);
    } catch (e) {
      if (e instanceof ApiProblem) {
        setErrors(e.fieldErrors('/values/'));
        setFailure(e.problem.errors?.length ? 'Certaines valeurs du formulaire ne conviennent pas : corrigez les champs signalés.' : e.message);
      } else {
        setFailure('L’envoi a échoué. Réessayez.');
      }
    } finally {
      setSending(null);
    }
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="complete-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="complete-title">Accomplir la tâche</Title>
        {failure && <Alert color="red" role="alert">{failure}</Alert>}
        {task.form.map((field) => (
          <FormFieldInput
            key={field.var}
            field={field}
            value={raw[field.var] ?? null}
            error={errors[field.var]}
            disabled={sending !== null}
            onChange={(value) => {
              setRaw((current) => ({ ...current, [field.var]: value }));
              setErrors(({ [field.var]: _cleared, ...rest }) => rest);
            }}
          />
        ))}
        <Textarea label="Commentaire" description="Facultatif : il apparaît dans la chronologie du projet." autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} disabled={sending !== null} />
        <Group gap="sm">
          {task.outcomes.map((outcome, index) => (
            <Button
              key={outcome}
              variant={index === 0 ? 'filled' : outcome === 'rejected' ? 'outline' : 'light'}
              color={outcome === 'rejected' ? 'red' : undefined}
              loading={sending === outcome}
              disabled={sending !== null && sending !== outcome}
              onClick={() => complete(outcome)}
            >
              {outcomeLabel(outcome)}
            </Button>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
