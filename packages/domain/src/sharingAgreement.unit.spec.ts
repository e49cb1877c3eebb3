import { agreementStreamId, createUnsignedEnvelope } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import { replay } from './decider';
import { deciderSpec } from './deciderSpecification';
import { checkSharingAgreementEvent, sharingAgreementDecider, type SharingAgreementCommand, type SharingAgreementEvent } from './sharingAgreement';

const agreementId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a12';
const now = '2026-11-28T10:00:00.000Z';
const later = '2026-12-01T09:00:00.000Z';
const GH = { agency: 'GH-CUSTOMS', state: 'GH' };
const TG = { agency: 'TG-POLICE', state: 'TG' };
const terms = {
  agreementId,
  parties: ['ECOWAS-WAPIS', 'TG-POLICE'],
  families: ['SEIZURE' as const, 'TRACE' as const],
  tlpCeiling: 'AMBER' as const,
  includePersons: true,
  legalBasis: 'ECOWAS Convention on Small Arms and Light Weapons, art. 7',
  validFrom: '2026-12-01T00:00:00Z',
  validUntil: '2027-12-01T00:00:00Z',
};

const create = (actor: { agency: string; state: string }, data: Partial<typeof terms> & { originator?: string } = {}): SharingAgreementCommand => ({
  type: 'CreateSharingAgreement',
  data: { originator: actor.agency, ...terms, ...data },
  metadata: { now, actor },
});
const revoke = (actor: { agency: string; state: string }, reason?: string): SharingAgreementCommand => ({
  type: 'RevokeSharingAgreement',
  data: { agreementId, ...(reason ? { reason } : {}) },
  metadata: { now: later, actor },
});
const handling = { tlp: 'RED' as const, releasableTo: terms.parties };
const created: SharingAgreementEvent = { type: 'SharingAgreementCreated', data: terms, occurredAt: now, handling, originator: GH };
const revoked: SharingAgreementEvent = { type: 'SharingAgreementRevoked', data: { agreementId, reason: 'MoU ended' }, occurredAt: later, handling, originator: GH };

const spec = deciderSpec(sharingAgreementDecider);

describe('a sharing agreement (decider)', () => {
  it('is created by the agency whose records it opens, known to its parties, and becomes the agreement the policy reads', () => {
    spec.given([]).when(create(GH)).then([created]);
    const { validUntil: _, ...openEnded } = terms;
    spec
      .given([])
      .when(create(GH, { validUntil: undefined }))
      .then([{ ...created, data: openEnded }]);
    expect(replay(sharingAgreementDecider, [created]).agreement).toEqual({
      id: agreementId,
      effect: 'AGREEMENT',
      originator: 'GH-CUSTOMS',
      parties: terms.parties,
      families: terms.families,
      tlpCeiling: 'AMBER',
      includePersons: true,
      legalBasis: terms.legalBasis,
      validFrom: terms.validFrom,
      validUntil: terms.validUntil,
    });
    // its events are valid events of the contract, on the agreement's stream
    expect(() => createUnsignedEnvelope({ ...created, streamId: agreementStreamId(agreementId), recordedAt: now })).not.toThrow();
  });

  it('opens only the acting agency’s own records, to someone besides itself', () => {
    spec
      .given([])
      .when(create(TG, { originator: 'GH-CUSTOMS' }))
      .thenRefuses({ code: 'TB_ERR_NOT_AGREEMENT_ORIGINATOR', path: ['originator'] });
    spec
      .given([])
      .when(create(GH, { parties: ['GH-CUSTOMS'] }))
      .thenRefuses({ code: 'TB_ERR_AGREEMENT_PARTIES_INVALID', path: ['parties'] });
    spec
      .given([])
      .when(create(GH, { parties: ['GH-CUSTOMS', 'TG-POLICE'] }))
      .then([{ ...created, data: { ...terms, parties: ['GH-CUSTOMS', 'TG-POLICE'] }, handling: { ...handling, releasableTo: ['GH-CUSTOMS', 'TG-POLICE'] } }]);
  });

  it('has a sane validity: it ends after it starts, and not before it is made', () => {
    spec
      .given([])
      .when(create(GH, { validUntil: terms.validFrom }))
      .thenRefuses({ code: 'TB_ERR_AGREEMENT_VALIDITY_INVALID', path: ['validUntil'] });
    spec
      .given([])
      .when(create(GH, { validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }))
      .thenRefuses({ code: 'TB_ERR_AGREEMENT_VALIDITY_INVALID', path: ['validUntil'] });
    spec
      .given([])
      .when(create(GH, { validFrom: 'next Monday' }))
      .thenRefuses({ code: 'TB_ERR_AGREEMENT_VALIDITY_INVALID', path: ['validFrom'] });
    // one that started in the past and still runs is fine: a treaty signed last month
    spec
      .given([])
      .when(create(GH, { validFrom: '2026-01-01T00:00:00Z' }))
      .then([{ ...created, data: { ...terms, validFrom: '2026-01-01T00:00:00Z' } }]);
  });

  it('is created once', () => {
    spec
      .given([created])
      .when(create(GH))
      .thenRefuses({ code: 'TB_ERR_AGREEMENT_ALREADY_CREATED', path: ['agreementId'] });
  });

  it('is revoked by its originator alone, once, and the revocation is kept in the agreement', () => {
    spec.given([created]).when(revoke(GH, 'MoU ended')).then([revoked]);
    spec.given([created]).when(revoke(TG)).thenRefuses({ code: 'TB_ERR_NOT_AGREEMENT_ORIGINATOR' });
    spec.given([created, revoked]).when(revoke(GH)).thenRefuses({ code: 'TB_ERR_AGREEMENT_ALREADY_REVOKED' });
    spec
      .given([])
      .when(revoke(GH))
      .thenRefuses({ code: 'TB_ERR_AGREEMENT_NOT_FOUND', path: ['agreementId'] });
    expect(replay(sharingAgreementDecider, [created, revoked]).agreement?.revokedAt).toBe(later);
  });

  it('guards the hub: an arriving event is applied only if the rules give it, its originator the actor', () => {
    const state = replay(sharingAgreementDecider, [created]);
    expect(() => checkSharingAgreementEvent(state, revoked)).not.toThrow();
    expect(() => checkSharingAgreementEvent(state, { ...revoked, originator: TG })).toThrow(expect.objectContaining({ code: 'TB_ERR_NOT_AGREEMENT_ORIGINATOR' }));
    expect(() => checkSharingAgreementEvent(replay(sharingAgreementDecider, [created, revoked]), revoked)).toThrow(
      expect.objectContaining({ code: 'TB_ERR_AGREEMENT_ALREADY_REVOKED' }),
    );
    expect(() => checkSharingAgreementEvent(sharingAgreementDecider.initialState(), { ...created, data: { ...terms, parties: ['GH-CUSTOMS'] } })).toThrow(
      expect.objectContaining({ code: 'TB_ERR_AGREEMENT_PARTIES_INVALID' }),
    );
    expect(() => checkSharingAgreementEvent(sharingAgreementDecider.initialState(), created)).not.toThrow();
  });
});
