import { Center, Loader } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider, useQuery } from 'urql';
import { createClient } from '../api/client';
import { applyOfficerLanguage } from '../i18n';
import HomePage from '../pages/HomePage';
import { SignInPage } from '../pages/SignInPage';
import { currentSession, endSession } from '../session';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Layout } from './Layout';
import { MeQuery, OfficerContext } from './officer';
import { ROUTES } from './routes';

function NotFound() {
  const { t } = useTranslation();
  return <Page title={t('notFound')}>{null}</Page>;
}

const newRouter = () =>
  createBrowserRouter([
    {
      element: <Layout />,
      children: [{ path: '/', element: <HomePage /> }, ...ROUTES.map(({ path, Page: Screen }) => ({ path, element: <Screen /> })), { path: '*', element: <NotFound /> }],
    },
  ]);

/**
 * Everything of one sign-in is made for it and dropped with it: the GraphQL client and its cache, the router
 * (which holds the screens' state) and the session's memory (a report's answer for its record page). Nothing
 * one officer was shown stays for the next one on the same tab.
 */
function SignedIn({ signOut }: { signOut: () => void }) {
  const [client] = useState(() => createClient(signOut));
  return (
    <Provider value={client}>
      <Officer signOut={signOut} />
    </Provider>
  );
}

/** Who the gateway says this officer is; every screen below reads it. */
function Officer({ signOut }: { signOut: () => void }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: MeQuery, requestPolicy: 'network-only' });
  // The router listens to the browser's history: made when this sign-in's screens mount, stopped when they go.
  const [router, setRouter] = useState<ReturnType<typeof newRouter> | null>(null);
  useEffect(() => {
    const made = newRouter();
    setRouter(made);
    return () => made.dispose();
  }, []);
  const [memory] = useState(() => new Map<string, unknown>());
  const me = data?.me;
  const value = useMemo(() => (me ? { me, signOut, memory } : null), [me, signOut, memory]);
  if (value && router) {
    applyOfficerLanguage(value.me.subject);
    return (
      <OfficerContext value={value}>
        <RouterProvider router={router} />
      </OfficerContext>
    );
  }
  if (fetching || (value && !router))
    return (
      <Center h="100vh">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  return <QueryError error={error} />;
}

/**
 * The console: sign-in until this tab holds a token, then the officer's screens. Signing out (or a token
 * the gateway no longer accepts) forgets the token and every cached answer.
 */
export function App() {
  const [generation, setGeneration] = useState(0);
  const signedIn = currentSession() !== null;
  const signOut = useMemo(
    () => () => {
      endSession();
      window.history.replaceState(null, '', '/');
      setGeneration((g) => g + 1);
    },
    [],
  );
  if (!signedIn) return <SignInPage onSignedIn={() => setGeneration((g) => g + 1)} />;
  return <SignedIn key={generation} signOut={signOut} />;
}
