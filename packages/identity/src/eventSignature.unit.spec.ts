import { createUnsignedEnvelope, newId, type SignedEnvelope } from '@tracebridge/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustRegistry, type TrustRegistry } from './trustRegistry';
import { devAgencyRecords, generateDevKeys, type AgencyKeys } from './devIssuer';
import { signEvent, verifyEventSignature } from './eventSignature';

let keys: AgencyKeys[];
let registry: TrustRegistry;
const k = (id: string): AgencyKeys => keys.find((x) => x.agency.id === id)!;

beforeAll(async () => {
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys));
});

const unsigned = (agency = 'GH-CUSTOMS', state = 'GH') => {
  const seizureId = newId();
  return createUnsignedEnvelope({
    type: 'SeizureReported',
    streamId: `seizure-${seizureId}`,
    originator: { state, agency },
    handling: { tlp: 'AMBER', releasableTo: ['TG-POLICE'] },
    occurredAt: '2026-11-20T10:00:00Z',
    recordedAt: '2026-11-20T10:05:00Z',
    data: {
      seizureId,
      location: { country: 'GH', place: 'Aflao crossing', kind: 'LAND_BORDER' },
      details: { form: 'CUSTOMS' },
      items: [{ itemId: newId(), kind: 'WEAPON', manufacturer: 'Kalashnikov Concern', serial: { asRead: 'KA-1123', normalised: 'KA1123' } }],
    },
  });
};

const rejects = (env: SignedEnvelope, code = 'TB_ERR_SIGNATURE_INVALID') => expect(verifyEventSignature(env, registry)).rejects.toMatchObject({ code });

describe('event signatures', () => {
  it('verifies an event signed by its originator, whatever the key order it travelled in', async () => {
    const signed = await signEvent(unsigned(), k('GH-CUSTOMS').eventKey);
    expect(signed.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    await expect(verifyEventSignature(signed, registry)).resolves.toBeUndefined();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse()))) as SignedEnvelope;
    await expect(verifyEventSignature(reordered, registry)).resolves.toBeUndefined();
  });

  it('rejects a tampered payload, handling or provenance', async () => {
    const signed = await signEvent(unsigned(), k('GH-CUSTOMS').eventKey);
    await rejects({ ...signed, handling: { ...signed.handling, tlp: 'CLEAR' } });
    await rejects({ ...signed, handling: { ...signed.handling, releasableTo: ['TG-POLICE', 'BF-BORDER'] } });
    await rejects({ ...signed, data: { ...(signed.data as object), clientReference: 'x' } });
    await rejects({ ...signed, occurredAt: '2026-11-21T10:00:00Z' });
    await rejects({ ...signed, streamId: `seizure-${newId()}` });
  });

  it("rejects an event signed with another agency's key, even one the network trusts", async () => {
    const forged = await signEvent(unsigned('GH-CUSTOMS'), { ...k('TG-CUSTOMS').eventKey, kid: 'GH-CUSTOMS#events-1' });
    await rejects(forged);
    const wrongKid = await signEvent(unsigned('GH-CUSTOMS'), k('TG-CUSTOMS').eventKey);
    await rejects(wrongKid);
  });

  it('rejects a token key used to sign an event', async () => {
    await rejects(await signEvent(unsigned(), { ...k('GH-CUSTOMS').tokenKey, kid: 'GH-CUSTOMS#events-1' }));
  });

  it('rejects unknown originators and a state that is not the agency’s', async () => {
    const signed = await signEvent(unsigned('XX-NOBODY', 'GH'), k('GH-CUSTOMS').eventKey);
    await rejects(signed, 'TB_ERR_UNKNOWN_SIGNER');
    const wrongState = await signEvent(unsigned('GH-CUSTOMS', 'TG'), k('GH-CUSTOMS').eventKey);
    await rejects(wrongState);
  });

  it('rejects alg none, attached payloads and garbage', async () => {
    const signed = await signEvent(unsigned(), k('GH-CUSTOMS').eventKey);
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid: 'GH-CUSTOMS#events-1', typ: 'tb-event+jws' })).toString('base64url');
    await rejects({ ...signed, signature: `${none}..` });
    await rejects({ ...signed, signature: `${none}..${signed.signature.split('..')[1]}` });
    await rejects({ ...signed, signature: signed.signature.replace('..', '.e30.') });
    await rejects({ ...signed, signature: 'not-a-jws-at-all' });
  });
});

describe('interoperability', () => {
  it('produces standard JWS that jose verifies once the canonical payload is re-attached', async () => {
    const { compactVerify, importJWK } = await import('jose');
    const { canonicalBytes } = await import('./canonical');
    const signed = await signEvent(unsigned(), k('GH-CUSTOMS').eventKey);
    const { signature, ...rest } = signed;
    const [h, , s] = signature.split('.');
    const key = await importJWK(k('GH-CUSTOMS').eventKey.publicJwk, 'EdDSA');
    const { protectedHeader } = await compactVerify(`${h}.${Buffer.from(canonicalBytes(rest)).toString('base64url')}.${s}`, key, { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: 'GH-CUSTOMS#events-1', typ: 'tb-event+jws' });
  });

  it('refuses to register an event key that is not Ed25519', () => {
    const records = devAgencyRecords(keys);
    const bad = { ...records[0]!, eventKeys: { keys: [{ kty: 'EC', crv: 'P-256', kid: 'x', x: 'a', y: 'b' }] } };
    expect(() => createTrustRegistry([bad])).toThrow(/Ed25519/);
  });

  it('rejects crit extensions and a wrong typ', async () => {
    const signed = await signEvent(unsigned(), k('GH-CUSTOMS').eventKey);
    const sig = signed.signature.split('..')[1];
    const hdr = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    await rejects({ ...signed, signature: `${hdr({ alg: 'EdDSA', kid: 'GH-CUSTOMS#events-1', typ: 'JWT' })}..${sig}` });
    await rejects({ ...signed, signature: `${hdr({ alg: 'EdDSA', kid: 'GH-CUSTOMS#events-1', typ: 'tb-event+jws', crit: ['b64'], b64: false })}..${sig}` });
  });
});
