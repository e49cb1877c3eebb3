import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { devAgencyRecords, generateDevKeys } from './devIssuer';
import { generateSigningKey } from './keys';
import { loadOrCreateDevServiceRecords, loadOrCreateDirectoryKey, loadOrCreateServiceKeys, type ServiceKeys } from './serviceKeys';
import { ReplayGuard, signServiceReply, signServiceRequest, verifyServiceReply, verifyServiceRequest } from './serviceMessages';
import { signRegistry, verifyRegistry } from './signedRegistry';
import { createTrustRegistry, type TrustRegistry } from './trustRegistry';
import type { Officer } from './officerToken';

let dir: string;
let registry: TrustRegistry;
let hub: ServiceKeys;
let customs: ServiceKeys;
let police: ServiceKeys;
const officer: Officer = { agency: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS', subject: 'o-1', roles: ['REPORTING_OFFICER'] };
const subject = 'tb.rpc.GH-CUSTOMS.persons';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-svc-'));
  const agencies = devAgencyRecords(await generateDevKeys());
  registry = createTrustRegistry(agencies, await loadOrCreateDevServiceRecords(dir));
  hub = await loadOrCreateServiceKeys(dir, 'liaison');
  customs = await loadOrCreateServiceKeys(dir, 'customs');
  police = await loadOrCreateServiceKeys(dir, 'police');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'TB_ERR_SERVICE_MESSAGE_INVALID' });

describe('service-to-service messages', () => {
  it('carries the viewer signed by the requesting service, and the registry fills in state and kind', async () => {
    const { message } = await signServiceRequest(hub, subject, { seizureId: 's-1' }, officer);
    const req = await verifyServiceRequest(message, registry, subject, new ReplayGuard());
    expect(req).toMatchObject({ from: 'liaison', body: { seizureId: 's-1' }, viewer: officer });
    expect(message).not.toContain('Bearer');
  });

  it('refuses a viewer with a role the agency’s kind may not hold, whoever vouches for it', async () => {
    const { message } = await signServiceRequest(hub, subject, {}, { ...officer, roles: ['LIAISON_OFFICER'] });
    await refused(verifyServiceRequest(message, registry, subject, new ReplayGuard()));
  });

  it('is a standard JWT: jose verifies it with the service’s public key', async () => {
    const { message } = await signServiceRequest(hub, subject, { seizureId: 's-1' }, officer);
    const { payload, protectedHeader } = await jwtVerify(message, await importJWK(hub.signingKey.publicJwk, 'EdDSA'), { audience: subject, issuer: 'liaison' });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'tb-rpc-request+jwt' });
    expect(payload).toMatchObject({ body: { seizureId: 's-1' }, viewer: { agency: 'GH-CUSTOMS' } });
  });

  it('refuses a request older than its 30-second lifetime', async () => {
    const { message } = await signServiceRequest(hub, subject, {}, officer);
    vi.useFakeTimers({ now: Date.now() + 60_000 });
    try {
      await refused(verifyServiceRequest(message, registry, subject, new ReplayGuard()));
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a request for another subject, a replay, and one signed with a key the registry does not give the claimed service', async () => {
    const { message } = await signServiceRequest(hub, subject, {}, officer);
    await refused(verifyServiceRequest(message, registry, 'tb.rpc.GH-POLICE.persons', new ReplayGuard()));
    const guard = new ReplayGuard();
    await verifyServiceRequest(message, registry, subject, guard);
    await refused(verifyServiceRequest(message, registry, subject, guard));
    const forged = await signServiceRequest({ ...police, service: 'liaison', signingKey: { ...police.signingKey, kid: hub.signingKey.kid } }, subject, {}, officer);
    await refused(verifyServiceRequest(forged.message, registry, subject, new ReplayGuard()));
    const stranger = { ...hub, signingKey: await generateSigningKey(hub.signingKey.kid) };
    await refused(verifyServiceRequest((await signServiceRequest(stranger, subject, {}, officer)).message, registry, subject, new ReplayGuard()));
  });

  it('accepts only the expected service’s reply to this very request, and an encrypted reply only with the requester’s key', async () => {
    const { message, jti } = await signServiceRequest(hub, subject, {}, officer);
    const req = await verifyServiceRequest(message, registry, subject, new ReplayGuard());
    const reply = await signServiceReply(customs, req, { persons: [{ name: 'Ama Owusu' }] }, registry, { encrypt: true });
    expect(reply).not.toContain('Ama');
    expect(Buffer.from(reply.split('.')[0]!, 'base64url').toString()).toContain('ECDH-ES');
    await expect(verifyServiceReply(reply, hub, registry, { from: 'customs', jti, encrypted: true })).resolves.toEqual({ persons: [{ name: 'Ama Owusu' }] });
    await refused(verifyServiceReply(reply, police, registry, { from: 'customs', jti, encrypted: true }));
    await refused(verifyServiceReply(reply, hub, registry, { from: 'customs', jti: 'another-request', encrypted: true }));
    const impostor = await signServiceReply(police, req, { persons: [{ name: 'Planted' }] }, registry, { encrypt: true });
    await refused(verifyServiceReply(impostor, hub, registry, { from: 'customs', jti, encrypted: true }));
    await refused(verifyServiceReply(JSON.stringify({ persons: [{ name: 'Planted' }] }), hub, registry, { from: 'customs', jti }));
  });
});

describe('the signed trust registry', () => {
  it('verifies against the pinned directory key only', async () => {
    const key = await loadOrCreateDirectoryKey(dir);
    const doc = {
      issuedAt: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3600_000).toISOString(),
      agencies: devAgencyRecords(await generateDevKeys()),
      services: await loadOrCreateDevServiceRecords(dir),
    };
    const signed = await signRegistry(doc, key);
    expect((await verifyRegistry(signed, key.publicJwk)).service('liaison')?.kind).toBe('HUB');
    const other = await generateSigningKey(key.kid);
    await expect(verifyRegistry(await signRegistry(doc, other), key.publicJwk)).rejects.toMatchObject({ code: 'TB_ERR_REGISTRY_INVALID' });
    await expect(verifyRegistry(JSON.stringify(doc), key.publicJwk)).rejects.toMatchObject({ code: 'TB_ERR_REGISTRY_INVALID' });
    const [h, , s] = signed.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...doc, issuedAt: '2099-01-01T00:00:00Z' })).toString('base64url')}.${s}`;
    await expect(verifyRegistry(tampered, key.publicJwk)).rejects.toMatchObject({ code: 'TB_ERR_REGISTRY_INVALID' });
    await expect(verifyRegistry(signed, key.publicJwk, new Date(Date.now() + 2 * 3600_000))).rejects.toMatchObject({ code: 'TB_ERR_REGISTRY_INVALID' });
  });
});
