/**
 * Bearer-token verification where no gateway does it (the local server, Function Compute): the
 * same checks API Gateway's JWT authorizer makes for a Cognito token — signature against the
 * issuer's keys, `iss`, `aud` (or `client_id`), `exp`/`nbf`, and an allowed algorithm.
 */
import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from '../ticketing/model';
import { principalFromClaims } from './claims';

export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
  /** A public key, or a key set fetched from the issuer's JWKS URL. */
  readonly key: KeyObject | JWTVerifyGetKey;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal | undefined>;

export function remoteKeySet(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl));
}

/** A verifier returning the caller for a valid `Authorization: Bearer` header, else undefined. */
export function createTokenVerifier(settings: JwtSettings): TokenVerifier {
  return async (authorization) => {
    const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    try {
      const options = { issuer: settings.issuer, algorithms: ['RS256', 'ES256'], clockTolerance: 5 };
      const { payload } =
        typeof settings.key === 'function' ? await jwtVerify(match[1], settings.key, options) : await jwtVerify(match[1], settings.key, options);
      // Cognito ID tokens carry the client in `aud`, access tokens in `client_id`; accept either.
      const audiences = [payload.aud, payload.client_id].flat().filter((value): value is string => typeof value === 'string');
      if (!audiences.includes(settings.audience)) return undefined;
      return principalFromClaims(payload);
    } catch {
      return undefined;
    }
  };
}
