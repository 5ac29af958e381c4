// The designer's bench page: the editor alone (no API) on a generated definition, so
// bench/designer/run.ts can time it in Chromium. Bundled by esbuild, never shipped.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import type { Definition } from '../../dsl/schema';
import { Editor } from '../../designer/src/pages/definition-editor-page';

const doc = (window as unknown as { __benchDoc: Definition }).__benchDoc;
(window as unknown as { __benchStart: number }).__benchStart = performance.now();
createRoot(document.getElementById('root')!).render(
  <MantineProvider>
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <div style={{ height: 60 }} />
        <Editor initial={doc} saved />
      </MemoryRouter>
    </QueryClientProvider>
  </MantineProvider>,
);
