// What does not exist and what the person may not see look the same, as the API answers 404
// for both: no blank screen, a way back.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from './use-page-title';

export function NotFoundPage({ what = 'Cette page' }: { what?: string }) {
  usePageTitle('Introuvable');
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl">
      <Stack align="flex-start">
        <Title order={1} size="h2">Page introuvable</Title>
        <Text>{what} est introuvable : elle n’existe pas, ou vous n’y avez pas accès avec ce compte.</Text>
        <Button component={Link} to="/" variant="light">Retour à mes tâches</Button>
      </Stack>
    </Paper>
  );
}
