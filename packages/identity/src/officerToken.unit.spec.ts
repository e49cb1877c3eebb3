import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { devAgencyRecords, devIssuerFor, generateDevKeys, mintDevToken, type AgencyKeys } from './devIssuer';
import { generateSigningKey } from './keys';
import { mintOfficerToken, verifyOfficerToken } from './officerToken';
import { createTrustRegistry, type TrustRegistry } from './trustRegistry';

let keys: AgencyKeys[];
let registry: TrustRegistry;
const k = (id: string): AgencyKeys => keys.find((x) => x.agency.id === id)!;

beforeAll(async () => {
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys));
});

const rejected = (token: string, opts = {}) => expect(verifyOfficerToken(token, registry, opts)).rejects.toMatchObject({ code: 'TB_ERR_TOKEN_INVALID' });

describe('officer tokens', () => {
  it('accepts a dev token and says who the officer is', async () => {
    const token = await mintDevToken(k('TG-POLICE'), { roles: ['ANALYST'] });
    await expect(verifyOfficerToken(token, registry)).resolves.toEqual({
      subject: 'dev-officer@tg-police',
      agency: 'TG-POLICE',
      state: 'TG',
      kind: 'POLICE',
      roles: ['ANALYST'],
    });
  });

  it('rejects expired tokens and tokens not yet valid beyond the skew', async () => {
    const old = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, {
      issuer: devIssuerFor('GH-CUSTOMS'),
      agency: 'GH-CUSTOMS',
      subject: 'a',
      roles: ['REPORTING_OFFICER'],
      ttlSeconds: 60,
      now: new Date(Date.now() - 3600_000),
    });
    await rejected(old);
  });

  it('rejects the wrong audience', async () => {
    const t = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, {
      issuer: devIssuerFor('GH-CUSTOMS'),
      agency: 'GH-CUSTOMS',
      subject: 'a',
      roles: ['REPORTING_OFFICER'],
      audience: 'someone-else',
    });
    await rejected(t);
  });

  it('rejects alg none', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({
      iss: devIssuerFor('GH-CUSTOMS'),
      aud: 'tracebridge',
      sub: 'x',
      agency: 'GH-CUSTOMS',
      roles: ['AGENCY_ADMIN'],
      iat: now,
      exp: now + 600,
    })}.`;
    await rejected(none);
  });

  it('rejects an HMAC token keyed with the public key (algorithm confusion)', async () => {
    const pub = k('GH-CUSTOMS').tokenKey.publicJwk;
    const secret = new TextEncoder().encode(JSON.stringify(pub));
    const t = await new SignJWT({ agency: 'GH-CUSTOMS', roles: ['AGENCY_ADMIN'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'GH-CUSTOMS#tokens-1' })
      .setIssuer(devIssuerFor('GH-CUSTOMS'))
      .setAudience('tracebridge')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(secret);
    await rejected(t);
  });

  it("rejects a token signed with another agency's key or an unregistered key", async () => {
    const t = await mintOfficerToken(
      { ...k('TG-POLICE').tokenKey, kid: 'GH-CUSTOMS#tokens-1' },
      {
        issuer: devIssuerFor('GH-CUSTOMS'),
        agency: 'GH-CUSTOMS',
        subject: 'x',
        roles: ['REPORTING_OFFICER'],
      },
    );
    await rejected(t);
    const stranger = await generateSigningKey('GH-CUSTOMS#tokens-1');
    await rejected(await mintOfficerToken(stranger, { issuer: devIssuerFor('GH-CUSTOMS'), agency: 'GH-CUSTOMS', subject: 'x', roles: ['REPORTING_OFFICER'] }));
  });

  it('rejects an event key used as a token key', async () => {
    const t = await mintOfficerToken(
      { ...k('GH-CUSTOMS').eventKey, kid: 'GH-CUSTOMS#tokens-1' },
      {
        issuer: devIssuerFor('GH-CUSTOMS'),
        agency: 'GH-CUSTOMS',
        subject: 'x',
        roles: ['REPORTING_OFFICER'],
      },
    );
    await rejected(t);
  });

  it('rejects a token whose agency claim is not its issuer’s agency', async () => {
    const t = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, { issuer: devIssuerFor('GH-CUSTOMS'), agency: 'TG-POLICE', subject: 'x', roles: ['REPORTING_OFFICER'] });
    await rejected(t);
  });

  it('rejects unknown issuers, tampered claims and garbage', async () => {
    await rejected(await mintOfficerToken(k('GH-CUSTOMS').tokenKey, { issuer: 'https://evil.example', agency: 'GH-CUSTOMS', subject: 'x', roles: ['REPORTING_OFFICER'] }));
    const good = await mintDevToken(k('GH-CUSTOMS'));
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ['AGENCY_ADMIN'] })).toString('base64url')}.${s}`;
    await rejected(tampered);
    await rejected('garbage');
    await rejected('');
    await rejected('a'.repeat(10_000));
  });

  it('rejects a token issued in the future beyond the clock skew', async () => {
    const t = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, {
      issuer: devIssuerFor('GH-CUSTOMS'),
      agency: 'GH-CUSTOMS',
      subject: 'x',
      roles: ['REPORTING_OFFICER'],
      now: new Date(Date.now() + 3600_000),
    });
    await rejected(t);
    // Within the skew it is accepted: the rule is the skew, not "iat must be past".
    const near = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, {
      issuer: devIssuerFor('GH-CUSTOMS'),
      agency: 'GH-CUSTOMS',
      subject: 'x',
      roles: ['REPORTING_OFFICER'],
      now: new Date(Date.now() + 10_000),
    });
    await expect(verifyOfficerToken(near, registry)).resolves.toMatchObject({ agency: 'GH-CUSTOMS' });
  });

  it('rejects a token living longer than the maximum, and honours a configured maximum', async () => {
    const century = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, {
      issuer: devIssuerFor('GH-CUSTOMS'),
      agency: 'GH-CUSTOMS',
      subject: 'x',
      roles: ['REPORTING_OFFICER'],
      ttlSeconds: 100 * 365 * 86400,
    });
    await rejected(century);
    const day = await mintOfficerToken(k('GH-CUSTOMS').tokenKey, {
      issuer: devIssuerFor('GH-CUSTOMS'),
      agency: 'GH-CUSTOMS',
      subject: 'x',
      roles: ['REPORTING_OFFICER'],
      ttlSeconds: 12 * 3600,
    });
    await expect(verifyOfficerToken(day, registry)).resolves.toMatchObject({ agency: 'GH-CUSTOMS' });
    await rejected(day, { maxLifetimeSeconds: 3600 });
  });

  it("refuses a role the agency's kind may not hold, and tokens without roles", async () => {
    await rejected(await mintOfficerToken(k('GH-CUSTOMS').tokenKey, { issuer: devIssuerFor('GH-CUSTOMS'), agency: 'GH-CUSTOMS', subject: 'x', roles: ['LIAISON_OFFICER'] }));
    await rejected(await mintOfficerToken(k('GH-CUSTOMS').tokenKey, { issuer: devIssuerFor('GH-CUSTOMS'), agency: 'GH-CUSTOMS', subject: 'x', roles: [] }));
    const liaison = await mintDevToken(k('WA-LIAISON'));
    await expect(verifyOfficerToken(liaison, registry)).resolves.toMatchObject({ roles: ['LIAISON_OFFICER', 'ANALYST', 'AGENCY_ADMIN'] });
  });

  it('rejects a token of another type, one without a kid, and subjects with control or bidi characters', async () => {
    const base = () =>
      new SignJWT({ agency: 'GH-CUSTOMS', roles: ['REPORTING_OFFICER'] })
        .setIssuer(devIssuerFor('GH-CUSTOMS'))
        .setAudience('tracebridge')
        .setSubject('x')
        .setIssuedAt()
        .setExpirationTime('10m');
    await rejected(await base().setProtectedHeader({ alg: 'EdDSA', kid: 'GH-CUSTOMS#tokens-1', typ: 'tb-rpc-request+jwt' }).sign(k('GH-CUSTOMS').tokenKey.privateKey));
    await rejected(await base().setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(k('GH-CUSTOMS').tokenKey.privateKey));
    for (const subject of ['\u202Eflood', 'a\u0000b', 'two words']) {
      await rejected(await mintOfficerToken(k('GH-CUSTOMS').tokenKey, { issuer: devIssuerFor('GH-CUSTOMS'), agency: 'GH-CUSTOMS', subject, roles: ['REPORTING_OFFICER'] }));
    }
  });

  it('rejects tokens without exp', async () => {
    const t = await new SignJWT({ agency: 'GH-CUSTOMS', roles: ['REPORTING_OFFICER'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'GH-CUSTOMS#tokens-1' })
      .setIssuer(devIssuerFor('GH-CUSTOMS'))
      .setAudience('tracebridge')
      .setSubject('x')
      .setIssuedAt()
      .sign(k('GH-CUSTOMS').tokenKey.privateKey);
    await rejected(t);
  });
});
