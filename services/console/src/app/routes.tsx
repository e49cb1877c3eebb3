import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type Page = LazyExoticComponent<ComponentType>;
const page = (load: () => Promise<{ default: ComponentType }>): Page => lazy(load);

/**
 * Every screen, loaded when first opened (the first screen ships only the frame, sign-in and home).
 * A record's page is `/records/<id>`: its URL ends with the record's id.
 */
export const ROUTES: readonly { path: string; Page: Page }[] = [
  { path: '/serial-check', Page: page(() => import('../pages/SerialCheckPage')) },
  // Officer (customs, police, border)
  { path: '/report', Page: page(() => import('../officer/ReportPage')) },
  { path: '/reports', Page: page(() => import('../officer/MyReportsPage')) },
  { path: '/records/:id', Page: page(() => import('../officer/RecordPage')) },
  { path: '/records/:id/disposition', Page: page(() => import('../officer/DispositionPage')) },
  { path: '/hits', Page: page(() => import('../officer/HitsPage')) },
  // Analyst
  { path: '/seizures', Page: page(() => import('../analyst/SearchPage')) },
  { path: '/corridors', Page: page(() => import('../analyst/CorridorsPage')) },
  { path: '/records/:id/links', Page: page(() => import('../analyst/LinksPage')) },
  { path: '/diversion', Page: page(() => import('../analyst/DiversionPage')) },
  { path: '/brokers', Page: page(() => import('../analyst/BrokersPage')) },
  { path: '/brokers/:id', Page: page(() => import('../analyst/BrokerPage')) },
  // Liaison point (and every officer who works cases and traces)
  { path: '/cases', Page: page(() => import('../liaison/CasesPage')) },
  { path: '/cases/:id', Page: page(() => import('../liaison/CasePage')) },
  { path: '/requests', Page: page(() => import('../liaison/RequestsPage')) },
  { path: '/traces', Page: page(() => import('../liaison/TracesPage')) },
  { path: '/traces/:id', Page: page(() => import('../liaison/TracePage')) },
  { path: '/escalations', Page: page(() => import('../liaison/EscalationsPage')) },
];
