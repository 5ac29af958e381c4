// One rule for a phase's name wherever it is shown: its label, else its key.
import { describe, expect, it } from 'vitest';
import { phaseLabel } from '../../dsl/labels';

const definition = { phases: [{ key: 'depot', label: 'Dépôt du dossier' }] };

describe('a phase label', () => {
  it('is the label the definition gives the phase', () => {
    expect(phaseLabel(definition, 'depot')).toBe('Dépôt du dossier');
  });

  it('is the key when the definition does not declare the phase, has no phases, or is missing', () => {
    expect(phaseLabel(definition, 'revue')).toBe('revue');
    expect(phaseLabel({}, 'revue')).toBe('revue');
    expect(phaseLabel(undefined, 'revue')).toBe('revue');
  });

  it('is null when there is no phase', () => {
    expect(phaseLabel(definition, null)).toBeNull();
  });
});
