// /calendrier: the secret address of my due-dates feed, to subscribe to from any calendar
// application; copy it, or change it (the old one stops working, so a modal asks first).
import { Alert, Button, CopyButton, Group, List, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useCalendarLink } from '../api/queries';
import { PageError, PageLoader } from '../components/page-states';
import { usePageTitle } from './use-page-title';

export function CalendarPage() {
  usePageTitle('Calendrier');
  const link = useCalendarLink();
  const queries = useQueryClient();
  const [confirming, { open, close }] = useDisclosure(false);
  const [resetting, setResetting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = async () => {
    setResetting(true);
    setFailure(null);
    try {
      const next = await unwrap(api.POST('/api/me/calendar/reset'));
      queries.setQueryData(['calendar-link'], next);
      close();
      notifications.show({ color: 'teal', title: 'Adresse changée', message: 'Abonnez vos agendas à la nouvelle adresse : l’ancienne ne fonctionne plus.' });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'Le changement a échoué. Réessayez.');
    } finally {
      setResetting(false);
    }
  };

  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={1}>Calendrier</Title>
        <Text c="dimmed" size="sm">Les échéances de vos tâches dans votre agenda habituel, mises à jour automatiquement.</Text>
      </div>
      {link.isPending ? (
        <PageLoader />
      ) : link.isError ? (
        <PageError error={link.error} />
      ) : (
        <Paper withBorder p="lg" component="section" aria-labelledby="calendar-address">
          <Stack gap="md">
            <Title order={2} size="h4" id="calendar-address">Adresse de votre flux</Title>
            <TextInput
              label="Adresse du calendrier"
              description="Personnelle et secrète : quiconque la connaît voit vos échéances. Ne la partagez pas."
              value={link.data.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 } }}
            />
            <CopyButton value={link.data.url} timeout={3000}>
              {({ copied, copy }) => (
                <Group gap="sm">
                  <Button
                    onClick={copy}
                    color={copied ? 'teal' : undefined}
                    leftSection={copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                  >
                    Copier l’adresse
                  </Button>
                  <Button variant="default" leftSection={<IconRefresh size={18} aria-hidden />} onClick={open}>
                    Changer l’adresse
                  </Button>
                  <Text size="sm" c="teal.8" fw={500} role="status">{copied ? 'Adresse copiée dans le presse-papiers.' : ''}</Text>
                </Group>
              )}
            </CopyButton>
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="lg" component="section" aria-labelledby="calendar-how">
        <Title order={2} size="h4" id="calendar-how" mb="sm">S’abonner</Title>
        <List spacing="xs" size="sm">
          <List.Item><strong>Outlook</strong> : Calendrier → Ajouter un calendrier → À partir d’Internet, puis collez l’adresse.</List.Item>
          <List.Item><strong>Google Agenda</strong> : Autres agendas → « + » → À partir de l’URL, puis collez l’adresse.</List.Item>
          <List.Item><strong>Apple Calendrier</strong> : Fichier → Nouvel abonnement à un calendrier, puis collez l’adresse.</List.Item>
        </List>
        <Text size="sm" c="dimmed" mt="sm">
          Chaque tâche que vous pouvez accomplir y figure à sa date d’échéance, avec un lien vers elle. Les agendas relisent le flux
          d’eux-mêmes, en général toutes les quelques heures.
        </Text>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="my-data">
        <Title order={2} size="h4" id="my-data" mb="sm">Mes données</Title>
        <Text size="sm" mb="sm">
          Tout ce que Passerelle garde sur vous : votre compte, vos organisations, les tâches accomplies et vos commentaires, les
          décisions enregistrées à votre nom et vos jetons d’API (sans leur secret).
        </Text>
        <Button component="a" href="/api/me/export" download variant="light" size="xs">Télécharger mes données</Button>
      </Paper>
      <Modal opened={confirming} onClose={close} title="Changer l’adresse du calendrier ?" centered>
        <Stack gap="md">
          <Text size="sm">
            Une nouvelle adresse secrète sera créée. <strong>L’ancienne cessera aussitôt de fonctionner</strong> : les agendas abonnés ne
            recevront plus vos échéances tant que vous ne les aurez pas abonnés à la nouvelle.
          </Text>
          <Text size="sm">Faites-le si l’adresse a été communiquée par erreur.</Text>
          {failure && <Alert color="red" role="alert">{failure}</Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={resetting}>Annuler</Button>
            <Button color="red.9" onClick={reset} loading={resetting}>Créer une nouvelle adresse</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
