// The editor's commands: save, validate, simulate, publish, undo and redo, layout, compare,
// find, export and import. Publishing saves the draft first and is refused while errors
// remain; the server's refusal (unknown_process, subprocess_cycle…) lands in the problems list.
import { ActionIcon, Badge, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowForwardUp, IconChecks, IconDeviceFloppy, IconFile, IconGitCompare, IconLayoutDistributeHorizontal, IconPlayerPlay, IconUpload, type Icon } from '@tabler/icons-react';
import { useReactFlow } from '@xyflow/react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Definition } from '../../../dsl/schema';
import { validate } from '../../../dsl/validate';
import { api, ApiProblem, unwrap } from '../api/client';
import { withLayout } from '../graph/layout';
import { placeProblems, type PlacedProblem } from '../graph/problems';
import { exportImage, exportJson, readJsonFile } from './export';
import { FindNode } from './find-node';
import { useEditor, useEditorStore } from './store';

export type SidePanel = 'properties' | 'simulation' | 'versions';

/** A command with an icon and its label; on narrow screens the label is only its accessible name and tooltip (editor.css). */
function ToolButton({ icon: Icon, label, secondary = false, ...rest }: { icon: Icon; label: string; secondary?: boolean; onClick?: () => void; loading?: boolean; variant?: string; title?: string; children?: ReactNode }) {
  return (
    <Tooltip label={label} openDelay={400}>
      <Button size="xs" variant="default" className={secondary ? 'tb-button tb-secondary' : 'tb-button'} leftSection={<Icon size={15} aria-hidden />} {...rest}>
        <span className="tb-label">{label}</span>
      </Button>
    </Tooltip>
  );
}

export function Toolbar({ findRef, onServerProblems, onPanel }: { findRef: RefObject<HTMLInputElement | null>; onServerProblems: (p: PlacedProblem[]) => void; onPanel: (p: SidePanel) => void }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const dirty = useEditor((s) => s.saved !== s.doc);
  const errors = useEditor((s) => s.problems.filter((p) => p.severity === 'error').length);
  const { fitView } = useReactFlow();
  const queries = useQueryClient();
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const importRef = useRef<HTMLInputElement>(null);

  const save = async (current: Definition) => {
    const saved = await unwrap(api.PUT('/api/definitions/{key}/draft', { params: { path: { key: current.key } }, body: current as never }));
    store.getState().markSaved(current);
    void queries.invalidateQueries({ queryKey: ['definition-detail', current.key] });
    return saved;
  };
  const run = async (what: 'save' | 'publish') => {
    setBusy(what);
    onServerProblems([]);
    try {
      if (what === 'save') {
        await save(doc);
        notifications.show({ color: 'green', message: 'Brouillon enregistré.' });
        return;
      }
      const local = validate(doc);
      if (!local.valid) {
        notifications.show({ color: 'red', title: 'Publication refusée', message: `Corrigez d’abord ${local.errors.length} erreur${local.errors.length > 1 ? 's' : ''}.` });
        return;
      }
      await save(doc);
      const published = await unwrap(api.POST('/api/definitions/{key}/publish', { params: { path: { key: doc.key } } }));
      void queries.invalidateQueries({ queryKey: ['definitions'] });
      notifications.show({ color: 'green', title: 'Processus publié', message: `Version ${published.version} publiée.` });
    } catch (error) {
      const problem = error instanceof ApiProblem ? error.problem : {};
      const errs = (problem.errors ?? []) as { code?: string; path: string; message: string }[];
      if (errs.length) onServerProblems(placeProblems(doc, errs.map((e) => ({ code: e.code ?? 'serveur', path: e.path, message: e.message })), []));
      notifications.show({ color: 'red', title: what === 'save' ? 'Enregistrement refusé' : 'Publication refusée', message: error instanceof Error ? error.message : 'Erreur inattendue.' });
    } finally {
      setBusy(null);
    }
  };
  const check = () => {
    const r = validate(doc);
    notifications.show({ color: r.valid ? 'green' : 'red', message: r.valid ? `Aucune erreur${r.warnings.length ? ` (${r.warnings.length} avertissement${r.warnings.length > 1 ? 's' : ''})` : ''}.` : `${r.errors.length} erreur${r.errors.length > 1 ? 's' : ''} : voir la liste des problèmes.` });
  };
  const importJson = async (file: File) => {
    const read = await readJsonFile(file);
    if ('error' in read) return notifications.show({ color: 'red', title: 'Import impossible', message: read.error });
    const r = validate(read.doc);
    store.getState().commit(withLayout({ ...(read.doc as Definition), key: doc.key }, true));
    notifications.show({ color: r.valid ? 'green' : 'orange', message: r.valid ? 'Document importé.' : `Document importé avec ${r.errors.length} erreur(s) : voir la liste des problèmes.` });
  };

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Commandes du processus">
      <Text fw={700} size="sm" truncate maw={180} title={doc.name} className="tb-name">{doc.name}</Text>
      {dirty && <Badge size="xs" color="gray" variant="light">non enregistré</Badge>}
      <Tooltip label="Annuler (Ctrl+Z)"><ActionIcon variant="default" aria-label="Annuler la dernière action" disabled={!canUndo} onClick={() => store.getState().undo()}><IconArrowBackUp size={16} /></ActionIcon></Tooltip>
      <Tooltip label="Rétablir (Ctrl+Maj+Z)"><ActionIcon variant="default" aria-label="Rétablir" disabled={!canRedo} onClick={() => store.getState().redo()}><IconArrowForwardUp size={16} /></ActionIcon></Tooltip>
      <Tooltip label="Disposition automatique"><ActionIcon variant="default" aria-label="Disposition automatique" onClick={() => { store.getState().commit(withLayout(doc)); setTimeout(() => fitView({ duration: 300 }), 50); }}><IconLayoutDistributeHorizontal size={16} /></ActionIcon></Tooltip>
      <FindNode ref={findRef} />
      <div className="editor-toolbar-spacer" />
      <ToolButton icon={IconChecks} label="Valider" onClick={check} />
      <ToolButton icon={IconPlayerPlay} label="Simuler" onClick={() => onPanel('simulation')} />
      <ToolButton icon={IconGitCompare} label="Comparer les versions" onClick={() => onPanel('versions')} />
      <Menu position="bottom-end">
        <Tooltip label="Fichier : exporter, importer" openDelay={400}><Menu.Target><Button size="xs" variant="default" className="tb-button tb-secondary" leftSection={<IconFile size={15} aria-hidden />}><span className="tb-label">Fichier</span></Button></Menu.Target></Tooltip>
        <Menu.Dropdown>
          <Menu.Item onClick={() => exportJson(doc)}>Exporter le document (JSON)</Menu.Item>
          <Menu.Item onClick={() => exportImage('svg', doc.key)}>Exporter le diagramme (SVG)</Menu.Item>
          <Menu.Item onClick={() => exportImage('png', doc.key)}>Exporter le diagramme (PNG)</Menu.Item>
          <Menu.Item onClick={() => importRef.current?.click()}>Importer un document JSON…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <input ref={importRef} type="file" accept="application/json,.json" hidden aria-label="Fichier JSON à importer" onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void importJson(f); e.currentTarget.value = ''; }} />
      <ToolButton icon={IconDeviceFloppy} label="Enregistrer" secondary loading={busy === 'save'} onClick={() => run('save')} />
      <Button size="xs" leftSection={<IconUpload size={15} aria-hidden />} loading={busy === 'publish'} onClick={() => run('publish')} title={errors ? 'Corrigez les erreurs avant de publier' : undefined}>Publier</Button>
    </div>
  );
}
