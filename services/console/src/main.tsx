import '@mantine/core/styles.css';
import './app/app.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';

initI18n();

// A page restored from the browser's back-forward cache would show what it showed then, perhaps to another officer
// who has signed in on this tab since: load it afresh instead.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

/**
 * System fonts only: nothing is fetched from outside the gateway (border posts work offline). Colours read at WCAG AA
 * contrast (dimmed and error text darker in app/app.css; the active navigation link is filled, in Layout).
 */
const theme = createTheme({
  primaryColor: 'indigo',
  // WCAG AA contrast (axe color-contrast): a darker primary shade, black or white text on filled colours as each
  // needs (0.18: white on indigo, blue and red, black on orange, green, cyan and yellow), the active link filled.
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.18,
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
