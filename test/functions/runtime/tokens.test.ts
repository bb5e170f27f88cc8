import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { principalFromClaims } from '../../../functions/runtime/claims';
import { createTokenVerifier } from '../../../functions/runtime/jwt';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateSigningKey, signLocalToken } from '../../../functions/runtime/local/signing-key';

const dataDir = mkdtempSync(path.join(tmpdir(), 'twinstack-tokens-'));
const key = loadOrCreateSigningKey(dataDir);
const verify = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, key: key.publicKey });

describe('principalFromClaims', () => {
  it('reads roles from a cognito:groups array and ignores unknown groups', () => {
    expect(principalFromClaims({ sub: 'alice', 'cognito:groups': ['agent', 'admins', 'approver'] })).toEqual({ sub: 'alice', roles: ['agent', 'approver'] });
  });

  it("reads roles from API Gateway's bracketed string form of the claim", () => {
    expect(principalFromClaims({ sub: 'bob', 'cognito:groups': '[agent auditor]' })).toEqual({ sub: 'bob', roles: ['agent', 'auditor'] });
  });

  it('gives no principal without a subject, and no roles without the claim', () => {
    expect(principalFromClaims({ 'cognito:groups': ['agent'] })).toBeUndefined();
    expect(principalFromClaims({ sub: 'carol' })).toEqual({ sub: 'carol', roles: [] });
  });
});

describe('local tokens', () => {
  it('keeps the signing key private to its owner and reuses it', () => {
    expect(statSync(path.join(dataDir, 'jwt', 'private.pem')).mode & 0o077).toBe(0);
    const again = loadOrCreateSigningKey(dataDir);
    expect(again.publicKey.export({ format: 'jwk' })).toEqual(key.publicKey.export({ format: 'jwk' }));
  });

  it('verifies a token the token command signs, with its subject and roles', async () => {
    const token = await signLocalToken(key, { sub: 'dana', roles: ['approver'] });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ sub: 'dana', roles: ['approver'] });
  });

  it('refuses expired tokens, other issuers, other audiences, foreign keys and tampering', async () => {
    const claims = { 'cognito:groups': ['agent'], client_id: LOCAL_AUDIENCE };
    const sign = (jwt: SignJWT, signingKey = key.privateKey) => jwt.setProtectedHeader({ alg: 'ES256' }).setSubject('eve').sign(signingKey);
    const expired = await sign(new SignJWT(claims).setIssuer(LOCAL_ISSUER).setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_600));
    const otherIssuer = await sign(new SignJWT(claims).setIssuer('https://evil.example').setExpirationTime('1h'));
    const otherAudience = await sign(new SignJWT({ ...claims, client_id: 'someone-else' }).setIssuer(LOCAL_ISSUER).setExpirationTime('1h'));
    const foreign = await sign(new SignJWT(claims).setIssuer(LOCAL_ISSUER).setExpirationTime('1h'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const good = await signLocalToken(key, { sub: 'eve', roles: ['agent'] });
    const [header, , signature] = good.split('.');
    const escalated = Buffer.from(JSON.stringify({ sub: 'eve', 'cognito:groups': ['approver'], iss: LOCAL_ISSUER, client_id: LOCAL_AUDIENCE, exp: 4_000_000_000 })).toString('base64url');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${escalated}.`;
    for (const token of [expired, otherIssuer, otherAudience, foreign, `${header}.${escalated}.${signature}`, unsigned]) {
      await expect(verify(`Bearer ${token}`)).resolves.toBeUndefined();
    }
    await expect(verify(undefined)).resolves.toBeUndefined();
    await expect(verify(`Basic ${good}`)).resolves.toBeUndefined();
  });
});
