// /processus/:key : the process designer. Opens the draft, else the latest published version
// (or ?version=n), in one editor store; live validation marks the canvas and fills the
// problems list; the side panel shows properties, simulation or versions.
import '../editor/editor.css';
import { Box, SegmentedControl } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { Definition } from '../../../dsl/schema';
import { api, unwrap } from '../api/client';
import { PageError, PageLoader } from '../components/page-states';
import { createDecorationStore, DecorationContext, legendOf, type DecorationStore } from '../diagram/decorations';
import { EditorCanvas } from '../editor/editor-canvas';
import { Palette } from '../editor/palette';
import { ProblemsList } from '../editor/problems-list';
import { PropertiesPanel } from '../editor/properties-panel';
import { SimulationPanel } from '../editor/simulation-panel';
import { createEditorStore, EditorContext, useEditor, useEditorStore, type EditorStore } from '../editor/store';
import { Toolbar, type SidePanel } from '../editor/toolbar';
import { useEditorShortcuts } from '../editor/use-shortcuts';
import { useLiveValidation } from '../editor/use-validation';
import { VersionsPanel } from '../editor/versions-panel';
import { addNode } from '../graph/edit';
import type { PlacedProblem } from '../graph/problems';
import { usePageTitle } from './use-page-title';

export function useDefinitionDetail(key: string) {
  return useQuery({ queryKey: ['definition-detail', key], queryFn: () => unwrap(api.GET('/api/definitions/{key}', { params: { path: { key } } })) });
}

export function DefinitionEditorPage() {
  const { key = '' } = useParams();
  const [params] = useSearchParams();
  const wanted = params.get('version');
  const detail = useDefinitionDetail(key);
  const version = wanted ? Number(wanted) : detail.data && !detail.data.draft ? detail.data.versions[0]?.version : undefined;
  const published = useQuery({
    queryKey: ['definition', key, version],
    enabled: version !== undefined,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/definitions/{key}/versions/{version}', { params: { path: { key, version: version! } } })),
  });
  usePageTitle(detail.data?.name);
  if (detail.isPending || (version !== undefined && published.isPending)) return <PageLoader />;
  if (detail.isError) return <PageError error={detail.error} what="Ce processus" />;
  if (published.isError) return <PageError error={published.error} what="Cette version" />;
  const doc = (version !== undefined ? published.data?.document : detail.data.draft) as Definition | undefined;
  if (!doc) return <PageError error={new Error('vide')} />;
  return <Editor key={`${key}@${version ?? 'brouillon'}`} initial={doc} saved={version === undefined} />;
}

export function Editor({ initial, saved }: { initial: Definition; saved: boolean }) {
  const [store] = useState<EditorStore>(() => {
    const s = createEditorStore(initial);
    if (saved) s.getState().markSaved(s.getState().doc);
    return s;
  });
  const [decorations] = useState<DecorationStore>(() => createDecorationStore(legendOf(initial)));
  useEffect(() => {
    performance.mark('designer:first-commit');
    (window as { __passerelleEditor?: EditorStore }).__passerelleEditor = store;
  }, [store]);
  return (
    <EditorContext.Provider value={store}>
      <DecorationContext.Provider value={decorations}>
        <ReactFlowProvider>
          <EditorLayout decorations={decorations} />
        </ReactFlowProvider>
      </DecorationContext.Provider>
    </EditorContext.Provider>
  );
}

function EditorLayout({ decorations }: { decorations: DecorationStore }) {
  const store = useEditorStore();
  const roles = useEditor((s) => s.doc.roles);
  const phases = useEditor((s) => s.doc.phases);
  const [panel, setPanel] = useState<SidePanel>('properties');
  const [serverProblems, setServerProblems] = useState<PlacedProblem[]>([]);
  const findRef = useRef<HTMLInputElement>(null);
  useLiveValidation(decorations);
  useEffect(() => decorations.setState(legendOf({ roles, phases })), [roles, phases, decorations]);
  useEditorShortcuts(store, useCallback(() => findRef.current?.focus(), []));
  const add = useCallback((type: Parameters<typeof addNode>[1], at?: { x: number; y: number }) => {
    const s = store.getState();
    const pane = document.querySelector('.editor-canvas .react-flow__viewport') as HTMLElement | null;
    let where = at;
    if (!where) {
      const m = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(pane?.style.transform ?? '');
      const box = document.querySelector('.editor-canvas')?.getBoundingClientRect();
      const [tx, ty, z] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 1];
      where = { x: ((box?.width ?? 600) / 2 - tx) / z - 90, y: ((box?.height ?? 400) / 2 - ty) / z - 30 };
    }
    const { doc, id } = addNode(s.doc, type, where);
    s.commit(doc);
    s.select('node', [id]);
  }, [store]);
  return (
    <Box className="editor-frame">
      <Toolbar findRef={findRef} onServerProblems={setServerProblems} onPanel={setPanel} />
      <Box className="editor-body">
        <Palette onAdd={(t) => add(t)} />
        <Box className="editor-main">
          <EditorCanvas onAdd={add} />
          <ProblemsList extra={serverProblems} />
        </Box>
        <Box className="editor-side">
          <SegmentedControl size="xs" m={6} value={panel} onChange={(v) => setPanel(v as SidePanel)} data={[{ value: 'properties', label: 'Propriétés' }, { value: 'simulation', label: 'Simulation' }, { value: 'versions', label: 'Versions' }]} />
          <Box className="editor-side-content">
            {panel === 'properties' && <PropertiesPanel />}
            {panel === 'simulation' && <SimulationPanel decorations={decorations} />}
            {panel === 'versions' && <VersionsPanel decorations={decorations} />}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
