// How a definition names its phases for people, the same everywhere (API, dashboard, CLI,
// designer): the phase's label when the definition declares it, else its key, so a phase
// shows even when its definition version is missing or no longer declares it. Pure.
import type { Definition } from './schema';

export function phaseLabel(definition: Pick<Definition, 'phases'> | undefined, phase: string): string;
export function phaseLabel(definition: Pick<Definition, 'phases'> | undefined, phase: string | null): string | null;
export function phaseLabel(definition: Pick<Definition, 'phases'> | undefined, phase: string | null): string | null {
  if (phase === null) return null;
  return definition?.phases?.find((p) => p.key === phase)?.label ?? phase;
}
