// Live validation: the dsl/ validator runs once per document change, debounced, and its
// problems go to the store (the list) and, indexed by node and edge, to the decoration store
// (the canvas), so nodes never compute problems themselves.
import { useEffect } from 'react';
import { validate } from '../../../dsl/validate';
import type { DecorationStore } from '../diagram/decorations';
import { indexProblems, placeProblems } from '../graph/problems';
import { useEditor, useEditorStore } from './store';

export const VALIDATION_DELAY_MS = 120;

export function useLiveValidation(decorations: DecorationStore) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  useEffect(() => {
    const timer = setTimeout(() => {
      const started = performance.now();
      const result = validate(doc);
      const problems = placeProblems(doc, result.errors, result.warnings);
      store.getState().setProblems(problems);
      decorations.setState({ problems: indexProblems(problems) });
      performance.mark('designer:validated');
      (window as { __passerelleValidationMs?: number }).__passerelleValidationMs = performance.now() - started;
    }, VALIDATION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [doc, store, decorations]);
}
