// /administration (administrators): the accounts and the organizations of the directory, in
// two tabs, each created and edited in a modal form; the API's refusals (422 fields, 409
// duplicates) are shown on their fields.
import {
  Alert, Badge, Button, Checkbox, Group, Modal, MultiSelect, Paper, PasswordInput, Select, Stack, Table, Tabs, Text, TextInput, Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import {
  organizationBody, organizationFormValues, refusalErrors, userBody, userFormValues, validateOrganization, validateUser,
  type OrganizationFormValues, type UserFormValues,
} from '../admin/admin-forms';
import { AuditTab } from '../admin/audit-tab';
import { api, unwrap, type Schemas } from '../api/client';
import { useOrganizations, useUsers } from '../api/queries';
import { PageError, PageLoader } from '../components/page-states';
import { formatDate } from '../format/dates';
import { KIND_GROUP_LABELS, KIND_LABELS, KINDS_WITH_ACADEMIE, kindLabel, ORGANIZATION_KINDS } from '../format/organizations';
import { usePageTitle } from './use-page-title';

type User = Schemas['User'];
type Organization = Schemas['Organization'];

const matches = (query: string, ...texts: Array<string | null>) =>
  query.trim() === '' || texts.some((t) => t?.toLocaleLowerCase('fr').includes(query.trim().toLocaleLowerCase('fr')));

export function AdministrationPage() {
  usePageTitle('Administration');
  const [params, setParams] = useSearchParams();
  const tab = ['organisations', 'audit'].includes(params.get('onglet') ?? '') ? params.get('onglet')! : 'utilisateurs';
  const users = useUsers();
  const organizations = useOrganizations();

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Administration</Title>
        <Text c="dimmed" size="sm">Les comptes et les organisations de l’annuaire.</Text>
      </div>
      <Tabs value={tab} onChange={(v) => setParams(v === 'organisations' || v === 'audit' ? { onglet: v } : {}, { replace: true })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="utilisateurs">Utilisateurs{users.data ? ` (${users.data.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="organisations">Organisations{organizations.data ? ` (${organizations.data.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="audit">Audit</Tabs.Tab>
        </Tabs.List>
        {users.isPending || organizations.isPending ? (
          <PageLoader />
        ) : users.isError ? (
          <PageError error={users.error} />
        ) : organizations.isError ? (
          <PageError error={organizations.error} />
        ) : (
          <>
            <Tabs.Panel value="utilisateurs">
              <UsersTab users={users.data} organizations={organizations.data} />
            </Tabs.Panel>
            <Tabs.Panel value="organisations">
              <OrganizationsTab organizations={organizations.data} users={users.data} />
            </Tabs.Panel>
            <Tabs.Panel value="audit">
              <AuditTab />
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </Stack>
  );
}

// ---------------------------------------------------------------- users

function UsersTab({ users, organizations }: { users: User[]; organizations: Organization[] }) {
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  const memberships = (user: User) => user.organization_ids.map((id) => nameOf.get(id) ?? 'Organisation inconnue');
  return (
    <DirectoryList
      items={users}
      what="utilisateur"
      searchLabel="Rechercher un utilisateur"
      searchPlaceholder="Nom, e-mail ou organisation"
      searchText={(u) => [u.name, u.email, ...memberships(u)]}
      newLabel="Nouvel utilisateur"
      columns={[
        {
          header: 'Nom',
          cell: (user) => (
            <>
              <Group gap={6}>
                <Text size="sm" fw={600}>{user.name}</Text>
                {user.is_admin && <Badge size="xs" radius="sm" variant="light" tt="none">Administrateur</Badge>}
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{user.email}</Text>
            </>
          ),
        },
        {
          header: 'Organisations',
          from: 'sm',
          cell: (user) => (user.organization_ids.length > 0 ? <Text size="sm">{memberships(user).join(', ')}</Text> : <Text size="sm" c="dimmed">Aucune</Text>),
        },
        { header: 'Créé le', from: 'md', cell: (user) => <Text size="sm">{formatDate(user.created_at)}</Text> },
      ]}
      form={(user, onDone) => <UserForm user={user} organizations={organizations} onDone={onDone} />}
    />
  );
}

interface Column<T> {
  header: string;
  /** The column shows from this breakpoint up (phones see the first column and the action). */
  from?: 'sm' | 'md';
  cell(item: T): ReactNode;
}

interface DirectoryListProps<T> {
  items: T[];
  what: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchText(item: T): Array<string | null>;
  newLabel: string;
  columns: Column<T>[];
  form(item: T | undefined, onDone: () => void): ReactNode;
}

/** A searchable table of directory entries, each edited (or a new one created) in a modal. */
function DirectoryList<T extends { id: string; name: string }>(props: DirectoryListProps<T>) {
  // Kept while the modal closes, so its title does not change under the closing animation.
  const [editing, setEditing] = useState<T | 'new'>('new');
  const [opened, setOpened] = useState(false);
  const [openings, setOpenings] = useState(0);
  const [query, setQuery] = useState('');
  const edit = (target: T | 'new') => {
    setEditing(target);
    setOpenings((n) => n + 1);
    setOpened(true);
  };
  const shown = props.items.filter((item) => matches(query, ...props.searchText(item)));
  const close = () => setOpened(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={props.searchLabel}
          placeholder={props.searchPlaceholder}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={{ base: '100%', sm: 340 }}
        />
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => edit('new')}>{props.newLabel}</Button>
      </Group>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((column) => <Table.Th key={column.header} visibleFrom={column.from}>{column.header}</Table.Th>)}
                <Table.Th><span className="visually-hidden">Actions</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((item) => (
                <Table.Tr key={item.id}>
                  {props.columns.map((column) => <Table.Td key={column.header} visibleFrom={column.from}>{column.cell(item)}</Table.Td>)}
                  <Table.Td ta="right">
                    <Button variant="subtle" size="xs" onClick={() => edit(item)} aria-label={`Modifier ${item.name}`}>Modifier</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {shown.length === 0 && <Text c="dimmed" size="sm" ta="center" p="lg">Aucun {props.what} ne correspond à cette recherche.</Text>}
      </Paper>
      <Modal opened={opened} onClose={close} title={editing === 'new' ? props.newLabel : `Modifier ${editing.name}`} size="lg">
        {/* A fresh form at each opening. */}
        <div key={openings}>{props.form(editing === 'new' ? undefined : editing, close)}</div>
      </Modal>
    </Stack>
  );
}

/**
 * Submitting a directory form: send, refresh the list, say so, close; or put the API's
 * refusal on the fields (`uniqueField` takes a 409 duplicate) and above the form.
 */
function useSave<V extends object>(
  form: UseFormReturnType<V>,
  list: 'users' | 'organizations',
  uniqueField: 'email' | 'name',
  onDone: () => void,
  send: (values: V) => Promise<{ title: string; message: string }>,
) {
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = form.onSubmit(async (values) => {
    setFailure(null);
    setSaving(true);
    try {
      const done = await send(values);
      await queries.invalidateQueries({ queryKey: [list] });
      notifications.show({ color: 'teal', ...done });
      onDone();
    } catch (error) {
      const { form: message, ...fields } = refusalErrors(error, uniqueField);
      form.setErrors(fields);
      setFailure(message ?? 'Certaines informations ne conviennent pas : corrigez les champs signalés.');
    } finally {
      setSaving(false);
    }
  });
  return { save, failure, saving };
}

interface DirectoryFormProps {
  save(event?: React.FormEvent<HTMLFormElement>): void;
  failure: string | null;
  saving: boolean;
  onCancel(): void;
  submitLabel: string;
  children: ReactNode;
}

function DirectoryForm({ save, failure, saving, onCancel, submitLabel, children }: DirectoryFormProps) {
  return (
    <form onSubmit={save} noValidate>
      <Stack gap="md">
        {failure && <Alert color="red" role="alert">{failure}</Alert>}
        {children}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={saving}>Annuler</Button>
          <Button type="submit" loading={saving}>{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function organizationOptions(organizations: Organization[]) {
  return ORGANIZATION_KINDS.map((kind) => ({
    group: KIND_GROUP_LABELS[kind],
    items: organizations.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name })),
  })).filter((g) => g.items.length > 0);
}

function UserForm({ user, organizations, onDone }: { user?: User; organizations: Organization[]; onDone(): void }) {
  const form = useForm<UserFormValues>({ initialValues: userFormValues(user), validate: (values) => validateUser(values) });
  const { save, failure, saving } = useSave(form, 'users', 'email', onDone, async (values) => {
    const body = userBody(values, user);
    const saved = user
      ? await unwrap(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body }))
      : await unwrap(api.POST('/api/users', { body: body as Schemas['UserCreate'] }));
    return { title: user ? 'Utilisateur modifié' : 'Utilisateur créé', message: `${saved.name} (${saved.email})` };
  });

  return (
    <DirectoryForm save={save} failure={failure} saving={saving} onCancel={onDone} submitLabel={user ? 'Enregistrer' : 'Créer l’utilisateur'}>
        <TextInput label="Nom" required autoComplete="off" {...form.getInputProps('name')} />
        <TextInput label="Adresse e-mail" type="email" required autoComplete="off" {...form.getInputProps('email')} />
        <PasswordInput
          label={user ? 'Nouveau mot de passe' : 'Mot de passe'}
          description={
            user
              ? 'Laissez vide pour ne pas le changer. Un nouveau mot de passe ferme les sessions ouvertes de la personne.'
              : 'Au moins 10 caractères. Laissé vide, le compte ne pourra pas se connecter tant qu’un mot de passe n’est pas défini.'
          }
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <MultiSelect
          label="Organisations"
          description="La personne agit dans les projets au titre de ces organisations."
          placeholder={form.values.organization_ids.length === 0 ? 'Choisir les organisations' : undefined}
          data={organizationOptions(organizations)}
          searchable
          hidePickedOptions
          nothingFoundMessage="Aucune organisation"
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('organization_ids')}
        />
        <Checkbox
          label="Administrateur de la fédération"
          description="Démarre des projets, publie les processus et gère l’annuaire."
          {...form.getInputProps('is_admin', { type: 'checkbox' })}
        />
    </DirectoryForm>
  );
}

// ---------------------------------------------------------------- organizations

function OrganizationsTab({ organizations, users }: { organizations: Organization[]; users: User[] }) {
  const members = (id: string) => users.filter((u) => u.organization_ids.includes(id)).length;
  return (
    <DirectoryList
      items={organizations}
      what="organisation"
      searchLabel="Rechercher une organisation"
      searchPlaceholder="Nom, type, académie ou région"
      searchText={(o) => [o.name, o.academie, o.region, kindLabel(o.kind)]}
      newLabel="Nouvelle organisation"
      columns={[
        {
          header: 'Nom',
          cell: (organization) => (
            <>
              <Text size="sm" fw={600}>{organization.name}</Text>
              <Text size="xs" c="dimmed" hiddenFrom="sm">
                {[kindLabel(organization.kind), organization.academie && `Académie de ${organization.academie}`].filter(Boolean).join(' · ')}
              </Text>
            </>
          ),
        },
        { header: 'Type', from: 'sm', cell: (o) => <Text size="sm">{kindLabel(o.kind)}</Text> },
        { header: 'Académie', from: 'md', cell: (o) => <Text size="sm">{o.academie ?? '—'}</Text> },
        { header: 'Région', from: 'md', cell: (o) => <Text size="sm">{o.region ?? '—'}</Text> },
        { header: 'Membres', from: 'sm', cell: (o) => <Text size="sm">{members(o.id)}</Text> },
      ]}
      form={(organization, onDone) => <OrganizationForm organization={organization} onDone={onDone} />}
    />
  );
}

function OrganizationForm({ organization, onDone }: { organization?: Organization; onDone(): void }) {
  const form = useForm<OrganizationFormValues>({ initialValues: organizationFormValues(organization), validate: validateOrganization });
  const needsAcademie = form.values.kind !== '' && KINDS_WITH_ACADEMIE.includes(form.values.kind);
  const { save, failure, saving } = useSave(form, 'organizations', 'name', onDone, async (values) => {
    const body = organizationBody(values, organization);
    const saved = organization
      ? await unwrap(api.PATCH('/api/organizations/{id}', { params: { path: { id: organization.id } }, body }))
      : await unwrap(api.POST('/api/organizations', { body: body as Schemas['OrganizationCreate'] }));
    return { title: organization ? 'Organisation modifiée' : 'Organisation créée', message: saved.name };
  });

  return (
    <DirectoryForm save={save} failure={failure} saving={saving} onCancel={onDone} submitLabel={organization ? 'Enregistrer' : 'Créer l’organisation'}>
        <TextInput label="Nom" required autoComplete="off" {...form.getInputProps('name')} />
        <Select
          label="Type"
          required
          data={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label="Académie"
          description="Par exemple « Lyon ». Obligatoire pour une association ou une académie."
          required={needsAcademie}
          autoComplete="off"
          {...form.getInputProps('academie')}
        />
        <TextInput label="Région" description="Facultatif." autoComplete="off" {...form.getInputProps('region')} />
    </DirectoryForm>
  );
}
