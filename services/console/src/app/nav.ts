import { hasRole, isReportingKind, type Me } from './officer';

export interface NavEntry {
  to: string;
  /** Message key in the common namespace. */
  label: string;
  shown: (me: Me) => boolean;
}

const anyone = (): boolean => true;
const worksCases = (me: Me): boolean => hasRole(me, 'REPORTING_OFFICER', 'ANALYST', 'LIAISON_OFFICER');

/** The navigation: each user sees the screens of their agency's kind and role. */
export const NAV: readonly NavEntry[] = [
  { to: '/report', label: 'nav.report', shown: (me) => isReportingKind(me) && hasRole(me, 'REPORTING_OFFICER') },
  { to: '/reports', label: 'nav.myReports', shown: (me) => isReportingKind(me) },
  { to: '/hits', label: 'nav.hits', shown: (me) => hasRole(me, 'REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN') && isReportingKind(me) },
  { to: '/serial-check', label: 'nav.serialCheck', shown: anyone },
  { to: '/seizures', label: 'nav.search', shown: (me) => hasRole(me, 'ANALYST', 'LIAISON_OFFICER') },
  { to: '/corridors', label: 'nav.corridors', shown: (me) => hasRole(me, 'ANALYST', 'LIAISON_OFFICER') },
  { to: '/diversion', label: 'nav.diversion', shown: (me) => hasRole(me, 'ANALYST', 'LIAISON_OFFICER') },
  { to: '/brokers', label: 'nav.brokers', shown: (me) => hasRole(me, 'ANALYST', 'LIAISON_OFFICER', 'LICENSING_OFFICER') },
  { to: '/cases', label: 'nav.cases', shown: worksCases },
  { to: '/requests', label: 'nav.requests', shown: worksCases },
  { to: '/traces', label: 'nav.traces', shown: worksCases },
  { to: '/escalations', label: 'nav.escalations', shown: (me) => me.kind === 'LIAISON' },
];
