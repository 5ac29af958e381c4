// Starting a project as the browser builds it: the start-input form generated from the
// definition's variables (the task form's widgets and checks), the roles to bind (those a
// task is assigned to are required, as the API demands), and the POST /api/projects body,
// or the French message of each field at fault, wherever it was found. Pure: no React.
import type { Definition } from '../../../dsl/schema';
import type { Schemas } from '../api/client';
import { ApiProblem } from '../api/problem';
import { collectValues, type FormField, type RawValues } from './task-form';

export type ProjectCreate = Schemas['ProjectCreate'];

/** One widget per declared variable, labelled by its label, its default as starting value. */
export function startFields(definition: Pick<Definition, 'variables'>): FormField[] {
  return (definition.variables ?? []).map((v) => ({
    var: v.name,
    type: v.type,
    label: v.label ?? v.name,
    required: v.required === true,
    ...(v.options ? { options: v.options } : {}),
    ...(v.default === undefined || v.default === null ? {} : { value: v.default }),
  }));
}

/** The roles a task is assigned to: each must be given to at least one organization. */
export function requiredRoles(definition: Pick<Definition, 'nodes'>): Set<string> {
  return new Set(definition.nodes.flatMap((n) => (n.type === 'task' ? [n.assignee] : [])));
}

/** The processes the definition starts as subprocesses (they run with this project's bindings). */
export function subprocessKeys(definition: Pick<Definition, 'nodes' | 'key'>): string[] {
  return [...new Set(definition.nodes.flatMap((n) => (n.type === 'subprocess' && n.process !== definition.key ? [n.process] : [])))];
}

export interface StartErrors {
  /** A problem with the whole request (shown above the form). */
  form?: string;
  definition?: string;
  title?: string;
  /** By role key. */
  bindings: Record<string, string>;
  /** By variable name. */
  input: Record<string, string>;
}

export const hasErrors = (e: StartErrors) =>
  Boolean(e.form || e.definition || e.title) || Object.keys(e.bindings).length > 0 || Object.keys(e.input).length > 0;

export interface StartDraft {
  definitionKey: string;
  version: number;
  title: string;
  /** Role key → organization ids. */
  bindings: Record<string, string[]>;
  raw: RawValues;
}

export const FIX_FIELDS = 'Certaines informations ne conviennent pas : corrigez les champs signalés.';

/** The request body, or what to correct first; checked with the engine's own rules. */
export function buildStartPayload(
  draft: StartDraft,
  definition: Pick<Definition, 'variables' | 'nodes' | 'roles'>,
): { payload: ProjectCreate | null; errors: StartErrors } {
  const errors: StartErrors = { bindings: {}, input: {} };
  const title = draft.title.trim();
  if (title === '') errors.title = 'Donnez un titre au projet.';
  else if (title.length > 200) errors.title = 'Le titre ne peut dépasser 200 caractères.';
  const bindings: Record<string, string[]> = {};
  for (const role of definition.roles ?? []) {
    const organizations = [...new Set(draft.bindings[role.key] ?? [])];
    if (organizations.length > 0) bindings[role.key] = organizations;
  }
  // Subprocess roles are bound on this page too; they are not in `definition.roles`.
  for (const [role, organizations] of Object.entries(draft.bindings)) {
    if (!(role in bindings) && organizations.length > 0) bindings[role] = [...new Set(organizations)];
  }
  for (const role of requiredRoles(definition)) {
    if (!bindings[role]) errors.bindings[role] = 'Confiez ce rôle à au moins une organisation.';
  }
  const { values, errors: input } = collectValues(startFields(definition), draft.raw);
  errors.input = input;
  if (hasErrors(errors)) return { payload: null, errors: { ...errors, form: FIX_FIELDS } };
  return {
    payload: { definition_key: draft.definitionKey, definition_version: draft.version, title, bindings, input: values },
    errors,
  };
}

/** The API's refusal, each message on its field (`/title`, `/bindings/<role>/…`, `/input/<var>`). */
export function serverErrors(error: unknown): StartErrors {
  if (!(error instanceof ApiProblem)) return { bindings: {}, input: {}, form: 'Le démarrage a échoué. Réessayez.' };
  const top = error.fieldErrors('/');
  const errors: StartErrors = {
    bindings: error.fieldErrors('/bindings/'),
    input: error.fieldErrors('/input/'),
    ...(top.title ? { title: top.title } : {}),
    ...(top.definition_key || top.definition_version ? { definition: top.definition_key ?? top.definition_version } : {}),
  };
  const placed = hasErrors(errors);
  errors.form = placed ? FIX_FIELDS : error.message;
  return errors;
}
