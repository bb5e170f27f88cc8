/**
 * An identity provider's key set on loopback: one RS256 key pair, its public half served as a
 * JWKS document (kid `k1`), for entries that verify bearer tokens against `JWT_JWKS_URL`.
 */
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { listenOnLoopback } from './loopback-server';

/** A running key set. */
export interface FakeJwks {
  /** `http://127.0.0.1:<port>/.well-known/jwks.json`, for `JWT_JWKS_URL`. */
  readonly url: string;
  /** Signs tokens the key set verifies (header `{ alg: 'RS256', kid: 'k1' }`). */
  readonly privateKey: KeyLike;
  close(): Promise<void>;
}

/** Generates a key pair and serves its public key on a free loopback port. */
export async function startFakeJwks(): Promise<FakeJwks> {
  const pair = await generateKeyPair('RS256');
  const keys = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  const server = createServer((_, reply) => reply.writeHead(200, { 'content-type': 'application/json' }).end(keys));
  const { endpoint, close } = await listenOnLoopback(server);
  return { url: `${endpoint}/.well-known/jwks.json`, privateKey: pair.privateKey, close };
}
