// The designer section: first render, re-validation after one edit and drag frame time of
// the editor on a generated 300-node definition, measured in Chromium (bench/designer/).
import { benchDesigner } from './designer/run';
import { row, type Section } from './section';

export const designerSection: Section = {
  name: 'designer',
  describe: 'the process editor in Chromium on 300 nodes: first render, re-validation, drag frames',
  async run({ log }) {
    log('designer: building the bench page and opening Chromium…');
    const figures = await benchDesigner();
    return [
      row('editor first render, 300 nodes', figures.firstRenderMs, 'ms', null, '< 1000 ms'),
      row('re-validation after one edit (median)', figures.revalidateMedianMs, 'ms', null, '< 16 ms'),
      row('frame while dragging a node (median)', figures.dragFrameMedianMs, 'ms', null, '< 16 ms'),
      row('frame while dragging a node (p95)', figures.dragFrameP95Ms, 'ms', null, null),
    ];
  },
};
