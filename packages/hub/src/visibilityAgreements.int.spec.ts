import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SharingAgreement } from '@tracebridge/contracts';
import { createTrustRegistry, DEMO_AGENCIES, devAgencyRecords, generateDevKeys } from '@tracebridge/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { createHubPolicy } from './access';
import { LiaisonProjection } from './projection';

const dir = mkdtempSync(join(tmpdir(), 'tb-visibility-agreements-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the visibility index under directory agreements', () => {
  it('opens only the families an agreement names, and follows its start and lapse with no event arriving', async () => {
    const registry = createTrustRegistry(devAgencyRecords(await generateDevKeys(DEMO_AGENCIES.filter((a) => ['GH-POLICE', 'TG-POLICE'].includes(a.id)))));
    let now = new Date('2026-06-01T00:00:00Z');
    const agreement: SharingAgreement = {
      id: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a12',
      effect: 'AGREEMENT',
      originator: 'GH-POLICE',
      parties: ['TG-POLICE'],
      families: ['SEIZURE'],
      tlpCeiling: 'RED',
      includePersons: false,
      legalBasis: 'GH–TG memorandum of understanding, July 2026',
      validFrom: '2026-07-01T00:00:00Z',
      validUntil: '2026-08-01T00:00:00Z',
    };
    const projection = new LiaisonProjection(
      join(dir, 'liaison.db'),
      createHubPolicy(() => registry, [agreement], { clock: () => now }),
    );
    // A seizure and a loss of the same class but for their family (same originator, state, TLP, releasableTo).
    projection.db.exec(`
      INSERT INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
        VALUES ('s-1', 'GH-POLICE', 'GH', 'RED', '[]', '2026-05-20T00:00:00Z', '2026-05-20T00:00:00Z', 'GH', '{}', '{}');
      INSERT INTO stockpile_losses (id, originator_agency, originator_state, tlp, releasable_to) VALUES ('l-1', 'GH-POLICE', 'GH', 'RED', '[]');`);
    const v = projection.visibility;
    const tgSees = () => [v.level('TG-POLICE', 's-1'), v.level('TG-POLICE', 'l-1')];
    // rows written by hand: the index learns of them at its next recompute, which the agreement's start brings
    expect(tgSees()).toEqual(['NONE', 'NONE']);
    now = new Date('2026-07-01T00:00:00Z');
    expect(tgSees()).toEqual(['VIEW', 'NONE']);
    expect([v.level('GH-POLICE', 's-1'), v.level('GH-POLICE', 'l-1')]).toEqual(['VIEW', 'VIEW']);
    now = new Date('2026-08-01T00:00:00Z');
    expect(tgSees()).toEqual(['NONE', 'NONE']);
    projection.db.close();
  });
});
