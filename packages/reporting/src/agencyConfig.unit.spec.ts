import { describe, expect, it } from 'vitest';
import { loadAgencyConfig } from './agencyConfig';
import { agencyStreamPrefix } from './agencyStorage';

const env = (more: Record<string, string>): NodeJS.ProcessEnv => ({ TB_DIRECTORY_PUBLIC_KEY: '{"kty":"OKP"}', TB_NATS_SEED: '/tmp/seed.nk', ...more });
const load = (more: Record<string, string> = {}) => loadAgencyConfig('CUSTOMS', { port: 4002, agencies: 'GH-CUSTOMS' }, env(more));

describe('TB_EVENT_STORE', () => {
  it('is SQLite when unset, empty or "sqlite"', () => {
    for (const value of [undefined, '', 'sqlite', ' sqlite ']) {
      expect(load(value === undefined ? {} : { TB_EVENT_STORE: value }).TB_EVENT_STORE).toEqual({ kind: 'sqlite' });
    }
  });

  it('is KurrentDB for a connection string of any of the client’s schemes', () => {
    for (const url of [
      'kurrentdb://127.0.0.1:2113?tls=false',
      'kurrentdb+discover://admin:changeit@cluster.dns:2113',
      'esdb://node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader',
      'kdb://localhost:2113',
    ]) {
      expect(load({ TB_EVENT_STORE: url }).TB_EVENT_STORE).toEqual({ kind: 'kurrentdb', connectionString: url });
    }
  });

  it('refuses anything else, naming the variable and never repeating the value (it may hold a password)', () => {
    for (const bad of ['postgres://admin:s3cret@db:5432', 'kurrentdb://', 'kurrentdb:// host:2113', 'SQLite', 'file:events.db']) {
      let message = '';
      try {
        load({ TB_EVENT_STORE: bad });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, bad).toMatch(/^invalid customs service configuration:\n {2}TB_EVENT_STORE: must be "sqlite" or a KurrentDB connection string/);
      expect(message).not.toContain('s3cret');
    }
  });
});

describe('stream prefixes on a shared KurrentDB cluster', () => {
  it('gives each agency its own, none the start of another', () => {
    const agencies = ['GH-CUSTOMS', 'GH-CUSTOMS-2', 'GH', 'GH-C', 'TG-CUSTOMS', 'GH-POLICE'];
    const prefixes = agencies.map(agencyStreamPrefix);
    expect(prefixes[0]).toBe('gh_customs.');
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
  });
});
