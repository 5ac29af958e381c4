// One look for every page: a deep institutional blue, neutral greys, generous spacing, and
// colours whose contrast passes WCAG AA on white.
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const passerelle: MantineColorsTuple = [
  '#e8f1fb', '#cfe0f3', '#a0c0e6', '#6c9dd8', '#4581cc', '#2c6fc4', '#1c5d99', '#154b80', '#0f3b66', '#082a4d',
];

export const theme = createTheme({
  primaryColor: 'passerelle',
  primaryShade: 6,
  colors: { passerelle },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
  },
});
