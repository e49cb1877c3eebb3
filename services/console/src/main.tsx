import '@mantine/core/styles.css';
import './app/app.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';

initI18n();

/**
 * System fonts only: nothing is fetched from outside the gateway (border posts work offline). Colours read at WCAG AA
 * contrast: the primary shade 7 (white on indigo 6 is 4.3:1), and text on filled colours black or white by luminance.
 */
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.2,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  // No asterisk after a required field's label: its name stays exactly its label ("Manufacturer", which people and
  // test tools look for), screen readers announce `required` anyway, and forms mark the optional fields instead
  // ("(optional)"), as government services do.
  // Set once on the wrapper every input uses, by name: importing each input here would put them all in the first screen.
  components: { InputWrapper: { defaultProps: { withAsterisk: false } } },
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>
  </StrictMode>,
);
