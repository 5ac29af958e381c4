// /connexion: e-mail and password. Wrong password and throttling are shown in French as the
// API words them; after sign-in the person goes where they were heading (?suite=), so a link
// from an e-mail or a calendar opens its page.
import { Alert, Anchor, Box, Button, Center, Code, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiProblem, unwrap } from '../api/client';
import { useSession } from '../session/session';
import { usePageTitle } from './use-page-title';
import classes from './sign-in-page.module.css';

/** Only a path of this application: never an outside address smuggled into ?suite=. */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/connexion') ? value : '/';
}

function retryMessage(problem: ApiProblem): string {
  if (problem.status === 429) return 'Trop de tentatives de connexion. Patientez un moment avant de réessayer.';
  if (problem.status === 401) return 'Adresse e-mail ou mot de passe incorrect.';
  return problem.problem.detail ?? problem.message;
}

export function SignInPage() {
  usePageTitle('Connexion');
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('suite'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const instance = useQuery({ queryKey: ['instance'], queryFn: () => unwrap(api.GET('/api/instance')) });
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() === '' ? 'Saisissez votre adresse e-mail.' : null),
      password: (v) => (v === '' ? 'Saisissez votre mot de passe.' : null),
    },
  });

  if (me) return <Navigate to={next} replace />;

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiProblem ? retryMessage(e) : 'La connexion a échoué.');
    } finally {
      setBusy(false);
    }
  });

  const demo = instance.data?.demo;
  return (
    <Center className={classes.page}>
      <Stack w="100%" maw={440} gap="lg">
        <Box ta="center">
          <div className={classes.logo} aria-hidden>P</div>
          <Title order={1} size="h2">Passerelle</Title>
          <Text c="dimmed" size="sm">Projets école–entreprise et écoles de production</Text>
        </Box>
        <Paper withBorder shadow="sm" p="xl">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h4">Connexion</Title>
              {error && <Alert color="red" role="alert" title="Connexion impossible">{error}</Alert>}
              <TextInput label="Adresse e-mail" type="email" autoComplete="username" required {...form.getInputProps('email')} />
              <PasswordInput label="Mot de passe" autoComplete="current-password" required {...form.getInputProps('password')} />
              <Button type="submit" loading={busy} fullWidth>Se connecter</Button>
            </Stack>
          </form>
        </Paper>
        {demo && (
          <Paper withBorder p="md" className={classes.demo}>
            <Text size="sm" fw={600} mb={4}>Démonstration</Text>
            <Text size="sm" mb="xs">
              Comptes de démonstration, tous avec le mot de passe <Code>{demo.password}</Code> :
            </Text>
            <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
              <Table.Tbody>
                {demo.accounts.map((account) => (
                  <Table.Tr key={account.email}>
                    <Table.Td>
                      <Anchor component="button" type="button" fz="xs" onClick={() => form.setValues({ email: account.email, password: demo.password })}>
                        {account.email}
                      </Anchor>
                    </Table.Td>
                    <Table.Td c="dimmed">{account.organization}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
    </Center>
  );
}
