/**
 * Snapshot serializer: replaces content hashes of assets (64 hex characters, as in S3 object keys
 * and asset ids) with a placeholder, so a rebuilt bundle does not churn every snapshot. Everything
 * else, including the keys' shape, stays in the snapshot for review.
 */
const HASH = /[0-9a-f]{64}/g;

module.exports = {
  test(value: unknown): boolean {
    return typeof value === 'string' && /[0-9a-f]{64}/.test(value);
  },
  serialize(value: string): string {
    return JSON.stringify(value.replace(HASH, '[ASSET_HASH]'));
  },
};
