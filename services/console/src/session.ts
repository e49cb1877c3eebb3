/**
 * The signed-in officer's token, kept for this browser tab only (sessionStorage: another tab signs in on its own,
 * and closing the tab signs out). The token is never logged, never put in a URL and never sent anywhere but
 * this origin's `/graphql` and `/exports`. The console trusts nothing in it: every answer comes from the gateway,
 * which verifies it; `exp` is read only to sign out when it has expired.
 */
const KEY = 'tracebridge.session';

export interface Session {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export function currentSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token === 'string' && session.expiresAt * 1000 > now) return session;
  } catch {
    // A damaged entry is no session.
  }
  sessionStorage.removeItem(KEY);
  return null;
}

export function startSession(token: string, expiresInSeconds: number, now = Date.now()): Session {
  const session = { token, expiresAt: Math.floor(now / 1000) + expiresInSeconds };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}
