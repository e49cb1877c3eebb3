import '@mantine/core/styles.css';
import './app/app.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';

initI18n();

/** System fonts only: nothing is fetched from outside the gateway (border posts work offline). */
const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8: white text on the primary colour passes WCAG AA contrast (4.5:1); the default shade 6 does not.
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  // No asterisk after a required field's label: its name stays exactly its label ("Manufacturer", which people and
  // test tools look for), screen readers announce `required` anyway, and forms mark the optional fields instead
  // ("(optional)"), as government services do.
  // Set once on the wrapper every input uses, by name: importing each input here would put them all in the first screen.
  components: { InputWrapper: { defaultProps: { withAsterisk: false } } },
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
});

/** Secondary ("dimmed") text dark enough for WCAG AA contrast on white (the default gray 6 is 3.3:1). */
const cssVariablesResolver: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <App />
    </MantineProvider>
  </StrictMode>,
);
