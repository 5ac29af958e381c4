// Keyboard shortcuts of the editor: undo (Ctrl+Z), redo (Ctrl+Shift+Z or Ctrl+Y), copy,
// paste, duplicate (Ctrl+C, Ctrl+V, Ctrl+D) and find (Ctrl+F). Not while typing in a field,
// where the browser's own undo and copy belong to the text.
import { useEffect } from 'react';
import type { EditorStore } from './store';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function useEditorShortcuts(store: EditorStore, onFind: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'f') {
        e.preventDefault();
        return onFind();
      }
      if (typing(e.target)) return;
      const s = store.getState();
      if (key === 'z' && e.shiftKey) s.redo();
      else if (key === 'z') s.undo();
      else if (key === 'y') s.redo();
      else if (key === 'c') s.copySelection();
      else if (key === 'v') s.paste();
      else if (key === 'd') s.duplicate();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onFind]);
}
