import '@mantine/core/styles.css';
import './app/app.css';
import { createTheme, MantineProvider, NavLink, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';

initI18n();

/** System fonts only: nothing is fetched from outside the gateway (border posts work offline). */
const theme = createTheme({
  primaryColor: 'indigo',
  // WCAG AA contrast (axe color-contrast): a darker primary shade, black or white text on filled colours as each
  // needs (0.18: white on indigo, blue and red, black on orange, green, cyan and yellow), the active link filled.
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.18,
  components: { NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }) },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
});

/** Dimmed and error text dark enough for 4.5:1 on white (Mantine's defaults, gray.6 and red.6, are 3.3:1). */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <App />
    </MantineProvider>
  </StrictMode>,
);
