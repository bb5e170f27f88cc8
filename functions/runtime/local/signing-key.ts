/**
 * The local server's token issuer: an ES256 key pair kept under `.data/jwt/`, made on first use.
 * Tokens carry the claims a Cognito access token carries (sub, cognito:groups, client_id).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from '../../ticketing/model';
import { ROLES_CLAIM } from '../claims';

export const LOCAL_ISSUER = 'urn:twinstack:local';
export const LOCAL_AUDIENCE = 'twinstack-local';

export interface LocalSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Loads the key pair from `<dataDir>/jwt/`, creating it (private key mode 0600) when absent. */
export function loadOrCreateSigningKey(dataDir: string): LocalSigningKey {
  const dir = path.join(dataDir, 'jwt');
  const privatePath = path.join(dir, 'private.pem');
  if (!existsSync(privatePath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(privatePath));
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export interface TokenRequest {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** Lifetime in seconds. @default 3600 */
  readonly ttlSeconds?: number;
}

export async function signLocalToken(key: LocalSigningKey, request: TokenRequest): Promise<string> {
  return new SignJWT({ [ROLES_CLAIM]: [...request.roles], client_id: LOCAL_AUDIENCE, token_use: 'access' })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 3600}s`)
    .sign(key.privateKey);
}
