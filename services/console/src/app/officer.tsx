import { createContext, use } from 'react';
import { graphql, type ResultOf } from '../graphql';

export const MeQuery = graphql(`
  query Me {
    me {
      agency {
        id
        name
        country
        kind
      }
      state
      kind
      roles
      subject
    }
  }
`);

export type Me = ResultOf<typeof MeQuery>['me'];

export interface OfficerContextValue {
  me: Me;
  signOut: () => void;
  /** What this sign-in keeps in memory between screens (never in the browser's history, which outlives a sign-out). */
  memory: Map<string, unknown>;
}

export const OfficerContext = createContext<OfficerContextValue | null>(null);

/** The signed-in officer, as the gateway verified them (`me`): screens read roles and agency from here, never from the token. */
export function useOfficer(): OfficerContextValue {
  const value = use(OfficerContext);
  if (!value) throw new Error('useOfficer outside a signed-in page');
  return value;
}

export const hasRole = (me: Me, ...roles: string[]): boolean => me.roles.some((r) => roles.includes(r));
/** Customs, police and border agencies report; liaison points and licensing authorities do not. */
export const isReportingKind = (me: Me): boolean => ['CUSTOMS', 'POLICE', 'BORDER'].includes(me.kind);
