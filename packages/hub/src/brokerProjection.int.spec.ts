import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerStreamId, createUnsignedEnvelope, decodeEvent } from '@tracebridge/contracts';
import { createTrustRegistry, DEMO_AGENCIES, devAgencyRecords, generateDevKeys, signEvent } from '@tracebridge/identity';
import { createHubPolicy } from './access';
import { brokerNameKey, registrationKey } from './brokerProjection';
import { brokerStatusAt } from './brokerViews';
import { LiaisonProjection } from './projection';

const dir = mkdtempSync(join(tmpdir(), 'tb-liaison-brokers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the broker registry in the hub’s read model', () => {
  it('opens a file whose brokers table has only its policy columns (as first written), and projects into it', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE brokers (id TEXT PRIMARY KEY, originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL, tlp TEXT NOT NULL,
      releasable_to TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;`);
    old.close();
    const keys = await generateDevKeys(DEMO_AGENCIES.filter((a) => ['GH-LICENSING', 'TG-POLICE'].includes(a.id)));
    const registry = createTrustRegistry(devAgencyRecords(keys));
    const projection = new LiaisonProjection(
      file,
      createHubPolicy(() => registry),
    );
    const brokerId = randomUUID();
    const at = new Date().toISOString();
    const registered = await signEvent(
      createUnsignedEnvelope({
        type: 'BrokerRegistered',
        streamId: brokerStreamId(brokerId),
        originator: { agency: 'GH-LICENSING', state: 'GH' },
        handling: { tlp: 'GREEN' },
        occurredAt: at,
        recordedAt: at,
        data: { brokerId, name: 'Volta Arms Brokerage Ltd', registrationNumber: 'gh-br 0042', activities: ['BROKERING'], validUntil: '2099-01-01T00:00:00+01:00' },
      }),
      keys.find((k) => k.agency.id === 'GH-LICENSING')!.eventKey,
    );
    projection.db.transaction(() => projection.apply(decodeEvent(registered)))();
    expect(projection.brokers.row(brokerId)).toMatchObject({
      name_norm: 'VOLTA ARMS BROKERAGE',
      registration_norm: 'GHBR0042',
      status: 'REGISTERED',
      valid_until: '2098-12-31T23:00:00.000Z',
    });
    expect(projection.brokers.hasRegistration('GH-LICENSING', 'GH-BR-0042')).toBe(true);
    expect(projection.visibility.level('TG-POLICE', brokerId)).toBe('VIEW');
    projection.db.close();
  });

  it('matches names and numbers as the seizure links do, short ones as written', () => {
    expect(brokerNameKey('Société Atlantique de Courtage S.A.R.L.')).toBe('SOCIETE ATLANTIQUE DE COURTAGE');
    expect(brokerNameKey('AB')).toBe('AB');
    expect(registrationKey('TG/CR-2022.0015')).toBe('TGCR20220015');
    expect(registrationKey('7')).toBe('7');
  });

  it('says REVOKED over SUSPENDED over EXPIRED, and EXPIRED from the instant the validity ends', () => {
    const until = '2027-01-01T00:00:00.000Z';
    const before = new Date('2026-12-31T23:59:59.999Z');
    const then = new Date(until);
    expect(brokerStatusAt({ status: 'REGISTERED', validUntil: until }, before)).toBe('REGISTERED');
    expect(brokerStatusAt({ status: 'REGISTERED', validUntil: until }, then)).toBe('EXPIRED');
    expect(brokerStatusAt({ status: 'SUSPENDED', validUntil: until }, then)).toBe('SUSPENDED');
    expect(brokerStatusAt({ status: 'REVOKED', validUntil: until }, before)).toBe('REVOKED');
  });
});
