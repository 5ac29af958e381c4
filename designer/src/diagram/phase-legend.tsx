// The phases' legend on the canvas itself: each phase's colour (the stripe on top of its
// steps) and its name, in a small panel that folds away. Reads the decoration store, so it
// follows the phases as they are edited.
import { Panel } from '@xyflow/react';
import { useDecoration } from './decorations';

export function PhaseLegend() {
  const phases = useDecoration((d) => d.phases);
  const entries = Object.entries(phases);
  if (entries.length === 0) return null;
  return (
    <Panel position="bottom-center" className="phase-legend">
      <details open>
        <summary>Phases</summary>
        <ul aria-label="Légende des phases">
          {entries.map(([key, p]) => (
            <li key={key} data-phase={key}>
              <span className="phase-legend-swatch" style={{ background: p.color }} aria-hidden />
              {p.label}
            </li>
          ))}
        </ul>
      </details>
    </Panel>
  );
}
