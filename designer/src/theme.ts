// One look for every page: a deep institutional blue, neutral greys, generous spacing, and
// colours whose contrast passes WCAG AA on white.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const passerelle: MantineColorsTuple = [
  '#e8f1fb', '#cfe0f3', '#a0c0e6', '#6c9dd8', '#4581cc', '#2c6fc4', '#1c5d99', '#154b80', '#0f3b66', '#082a4d',
];

export const theme = createTheme({
  primaryColor: 'passerelle',
  primaryShade: 6,
  colors: { passerelle },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650', sizes: { h1: { fontSize: 'clamp(1.6rem, 1.2rem + 1.4vw, 2.125rem)' } } },
  defaultRadius: 'md',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
  },
});

// Mantine's default greys and light-variant text (shade 6) fall under WCAG AA's 4.5:1 on
// white and on their tinted backgrounds; these darker shades pass.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#59636e',
    '--mantine-color-placeholder': '#6b747d',
    '--mantine-color-gray-light-color': '#444c55',
    '--mantine-color-red-light-color': '#b02525',
    '--mantine-color-orange-light-color': '#8f3a06',
    '--mantine-color-teal-light-color': '#0b6b50',
    '--mantine-color-blue-light-color': '#1a5493',
    '--mantine-color-passerelle-light-color': '#154b80',
    '--mantine-color-error': '#c02a2a',
    '--mantine-color-blue-outline': '#1a5493',
    '--mantine-color-red-outline': '#b02525',
    '--mantine-color-red-filled': '#c02a2a',
    '--mantine-color-teal-filled': '#0b6b50',
    '--mantine-color-blue-filled': '#1a5493',
    '--mantine-color-orange-filled': '#b44a0c',
  },
  dark: {},
});
