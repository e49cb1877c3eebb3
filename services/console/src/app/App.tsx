import { Center, Loader } from '@mantine/core';
import { useMemo, useState } from 'react';
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

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [{ path: '/', element: <HomePage /> }, ...ROUTES.map(({ path, Page: Screen }) => ({ path, element: <Screen /> })), { path: '*', element: <NotFound /> }],
  },
]);

/** A new client per sign-in: nothing one officer was shown stays cached for the next. */
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
  const [{ data, error, fetching }] = useQuery({ query: MeQuery, requestPolicy: 'network-only' });
  const me = data?.me;
  const value = useMemo(() => (me ? { me, signOut } : null), [me, signOut]);
  if (value) {
    applyOfficerLanguage(value.me.subject);
    return (
      <OfficerContext value={value}>
        <RouterProvider router={router} />
      </OfficerContext>
    );
  }
  if (fetching)
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
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
