// /projets/nouveau (administrators): choose a published template, give the project a title,
// give each of its roles to one or more organizations, fill in the start data generated from
// the definition's variables; refusals land on their fields, success opens the project.
import { Accordion, Alert, Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Definition } from '../../../dsl/schema';
import { api, unwrap, type Schemas } from '../api/client';
import { useDefinitions, useDefinitionVersion, useDefinitionVersions, useOrganizations } from '../api/queries';
import { PageError, PageLoader } from '../components/page-states';
import { projectPath } from '../format/paths';
import { FormFieldInput } from '../forms/form-field-input';
import {
  buildStartPayload, requiredRoles, serverErrors, startFields, subprocessKeys, type StartErrors,
} from '../forms/start-form';
import { initialValues, type RawValues } from '../forms/task-form';
import { KIND_GROUP_LABELS, ORGANIZATION_KINDS } from '../format/organizations';
import { usePageTitle } from './use-page-title';

const NO_ERRORS: StartErrors = { bindings: {}, input: {} };

export function StartProjectPage() {
  usePageTitle('Démarrer un projet');
  const definitions = useDefinitions();
  const organizations = useOrganizations();
  const [params, setParams] = useSearchParams();
  const published = (definitions.data ?? []).filter((d) => d.latest_version !== null).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const chosen = published.find((d) => d.key === params.get('modele')) ?? null;
  const version = useDefinitionVersion(chosen?.key, chosen?.latest_version ?? undefined);

  if (definitions.isPending || organizations.isPending) return <PageLoader />;
  if (definitions.isError) return <PageError error={definitions.error} />;
  if (organizations.isError) return <PageError error={organizations.error} />;

  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={1}>Démarrer un projet</Title>
        <Text c="dimmed" size="sm">Le projet suit la dernière version publiée du modèle choisi.</Text>
      </div>
      <Paper withBorder p="lg">
        <Select
          label="Modèle de processus"
          description="Seuls les modèles publiés peuvent être démarrés."
          placeholder="Choisir un modèle"
          data={published.map((d) => ({ value: d.key, label: d.name }))}
          value={chosen?.key ?? null}
          onChange={(key) => setParams(key ? { modele: key } : {}, { replace: true })}
          searchable
          required
          nothingFoundMessage="Aucun modèle publié"
        />
      </Paper>
      {chosen &&
        (version.isPending ? (
          <PageLoader />
        ) : version.isError ? (
          <PageError error={version.error} what="Ce modèle" />
        ) : (
          <StartForm
            key={`${chosen.key}@${version.data.version}`}
            definitionKey={chosen.key}
            version={version.data.version}
            definition={version.data.document as Definition}
            published={published}
            organizations={organizations.data}
          />
        ))}
    </Stack>
  );
}

interface FormProps {
  definitionKey: string;
  version: number;
  definition: Definition;
  published: Schemas['DefinitionSummary'][];
  organizations: Schemas['Organization'][];
}

function StartForm({ definitionKey, version, definition, published, organizations }: FormProps) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const fields = useMemo(() => startFields(definition), [definition]);
  const required = useMemo(() => requiredRoles(definition), [definition]);
  // The roles of the processes it starts as subprocesses, which run with this project's bindings.
  const children = subprocessKeys(definition).flatMap((key) => {
    const summary = published.find((d) => d.key === key);
    return summary?.latest_version ? [{ key, version: summary.latest_version }] : [];
  });
  const childDocuments = useDefinitionVersions(children);
  const ownRoles = new Set(definition.roles.map((r) => r.key));
  const childRoles = childDocuments
    .flatMap((q) => ((q.data?.document as Definition | undefined)?.roles ?? []))
    .filter((role, index, all) => !ownRoles.has(role.key) && all.findIndex((r) => r.key === role.key) === index);

  const [title, setTitle] = useState('');
  const [bindings, setBindings] = useState<Record<string, string[]>>({});
  const [raw, setRaw] = useState<RawValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<StartErrors>(NO_ERRORS);
  const [sending, setSending] = useState(false);
  const [openOptional, setOpenOptional] = useState<string | null>(null);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [sending]);

  const organizationData = ORGANIZATION_KINDS.map((kind) => ({
    group: KIND_GROUP_LABELS[kind],
    items: organizations.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name })),
  })).filter((group) => group.items.length > 0);

  const clear = (where: 'bindings' | 'input', key: string) =>
    setErrors((current) => {
      const { [key]: _cleared, ...rest } = current[where];
      return { ...current, [where]: rest };
    });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const { payload, errors: local } = buildStartPayload({ definitionKey, version, title, bindings, raw }, definition);
    setErrors(local);
    if (!payload) return;
    setSending(true);
    try {
      const project = await unwrap(api.POST('/api/projects', { params: { header: { 'idempotency-key': idempotencyKey } }, body: payload }));
      notifications.show({ color: 'teal', title: 'Projet démarré', message: `« ${project.title} » a commencé.` });
      await Promise.all([queries.invalidateQueries({ queryKey: ['projects'] }), queries.invalidateQueries({ queryKey: ['dashboard'] })]);
      navigate(projectPath(project.id));
    } catch (error) {
      setErrors(serverErrors(error));
    } finally {
      setSending(false);
    }
  };

  const roleInput = (role: { key: string; label: string }, isRequired: boolean) => (
    <MultiSelect
      key={role.key}
      label={role.label}
      description={isRequired ? undefined : 'Facultatif : aucune tâche du processus ne revient directement à ce rôle.'}
      placeholder={(bindings[role.key] ?? []).length === 0 ? 'Choisir une ou plusieurs organisations' : undefined}
      data={organizationData}
      value={bindings[role.key] ?? []}
      onChange={(value) => {
        setBindings((current) => ({ ...current, [role.key]: value }));
        clear('bindings', role.key);
      }}
      required={isRequired}
      error={errors.bindings[role.key]}
      searchable
      hidePickedOptions
      disabled={sending}
      nothingFoundMessage="Aucune organisation"
    />
  );
  const fieldInput = (field: (typeof fields)[number]) => (
    <FormFieldInput
      key={field.var}
      field={field}
      value={raw[field.var] ?? null}
      error={errors.input[field.var]}
      disabled={sending}
      onChange={(value) => {
        setRaw((current) => ({ ...current, [field.var]: value }));
        clear('input', field.var);
      }}
    />
  );
  const mandatory = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  const optionalWithError = optional.some((f) => errors.input[f.var]);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {definition.description && <Text size="sm">{definition.description}</Text>}
        {errors.form && <Alert color="red" role="alert" title="Le projet n’a pas été démarré">{errors.form}</Alert>}
        {errors.definition && <Alert color="red" role="alert">{errors.definition}</Alert>}
        <Paper withBorder p="lg" component="section" aria-labelledby="start-project">
          <Stack gap="md">
            <Title order={2} size="h4" id="start-project">Projet</Title>
            <TextInput
              label="Titre du projet"
              description="Il identifie le projet dans les listes, les e-mails et les calendriers."
              value={title}
              onChange={(e) => {
                setTitle(e.currentTarget.value);
                setErrors((current) => ({ ...current, title: undefined }));
              }}
              error={errors.title}
              required
              maxLength={200}
              disabled={sending}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="start-roles">
          <Stack gap="md">
            <div>
              <Title order={2} size="h4" id="start-roles">Organisations participantes</Title>
              <Text size="sm" c="dimmed">Les membres des organisations choisies reçoivent les tâches du rôle.</Text>
            </div>
            {definition.roles.map((role) => roleInput(role, required.has(role.key)))}
            {childRoles.length > 0 && (
              <>
                <Text fw={600} size="sm" mt="xs">Rôles des sous-processus</Text>
                {childRoles.map((role) => roleInput(role, false))}
              </>
            )}
          </Stack>
        </Paper>
        {fields.length > 0 && (
          <Paper withBorder p="lg" component="section" aria-labelledby="start-input">
            <Stack gap="md">
              <div>
                <Title order={2} size="h4" id="start-input">Données de départ</Title>
                <Text size="sm" c="dimmed">Les champs marqués d’un astérisque sont obligatoires.</Text>
              </div>
              {mandatory.map(fieldInput)}
              {optional.length > 0 && (
                <Accordion variant="contained" value={optionalWithError ? 'optional' : openOptional} onChange={setOpenOptional}>
                  <Accordion.Item value="optional">
                    <Accordion.Control>Autres données (facultatives, {optional.length})</Accordion.Control>
                    <Accordion.Panel>
                      <Stack gap="md">{optional.map(fieldInput)}</Stack>
                    </Accordion.Panel>
                  </Accordion.Item>
                </Accordion>
              )}
            </Stack>
          </Paper>
        )}
        <Group>
          <Button type="submit" size="md" loading={sending}>Démarrer le projet</Button>
        </Group>
      </Stack>
    </form>
  );
}
