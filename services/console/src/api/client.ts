import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { currentSession, endSession } from '../session';

/**
 * The console's GraphQL client: `/graphql` of the gateway that served it, with the tab's token. An answer
 * that the token is no longer valid (401) ends the session and returns to sign-in.
 */
export function createClient(onSignedOut: () => void): Client {
  return new Client({
    url: '/graphql',
    // Shared views change under the viewer (grants, withdrawals, new records): ask the gateway, show the cache meanwhile.
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    fetchOptions: (): RequestInit => {
      const session = currentSession();
      const headers: Record<string, string> = session ? { authorization: `Bearer ${session.token}` } : {};
      return { headers };
    },
    exchanges: [
      mapExchange({
        onError: (error) => {
          if ((error.response as Response | undefined)?.status === 401) {
            endSession();
            onSignedOut();
          }
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
