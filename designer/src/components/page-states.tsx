// What a page shows while it loads or when its data could not be read: the same everywhere.
import { Alert, Center, Loader } from '@mantine/core';
import { ApiProblem } from '../api/client';
import { NotFoundPage } from '../pages/not-found-page';

export function PageLoader() {
  return (
    <Center py="xl">
      <Loader aria-label="Chargement" />
    </Center>
  );
}

/** 404 (absent or not visible) becomes the "introuvable" page; anything else an alert. */
export function PageError({ error, what }: { error: unknown; what?: string }) {
  if (error instanceof ApiProblem && (error.status === 404 || error.status === 403)) return <NotFoundPage what={what} />;
  const message = error instanceof ApiProblem ? error.message : 'Une erreur inattendue est survenue.';
  return (
    <Alert color="red" title="Impossible d’afficher cette page" role="alert">
      {message}
    </Alert>
  );
}
