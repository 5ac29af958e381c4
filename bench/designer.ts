// The designer section: first render, re-validation after one edit and drag frame time of
// the editor on a generated 300-node definition, measured in Chromium (bench/designer/).
import { benchDesigner } from './designer/run';
import { row, type Section } from './section';

export const designerSection: Section = {
  name: 'designer',
  describe: 'the process editor in Chromium on 300 nodes: first render, re-validation, drag frames',
  async run({ quick, log }) {
    log('designer: building the bench page and opening Chromium…');
    const figures = await benchDesigner(quick ? 2 : 5);
    return [
      row('editor first render, 300 nodes (median)', figures.firstRenderMs, 'ms', figures.firstRenderBaselineMs, '< 1000 ms', 'the same page on a 12-node definition'),
      row('  of which dagre layout (no positions)', figures.layoutMs, 'ms', null, null),
      row('  of which React Flow measuring nodes', figures.nodesMeasuredMs, 'ms', null, null),
      row('re-validation after one edit (median)', figures.revalidateMedianMs, 'ms', null, '< 16 ms'),
      row('frame while dragging a node (median)', figures.dragFrameMedianMs, 'ms', null, '< 16 ms'),
      row('frame while dragging a node (p95)', figures.dragFrameP95Ms, 'ms', null, null),
    ];
  },
};
