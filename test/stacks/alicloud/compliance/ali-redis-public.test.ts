import { aliRedisPublic } from '../../../../stacks/alicloud/compliance/rules/ali-redis-public';
import { ACK_REASON, manifestOf, res, run } from './fixtures';

const NONE = { errors: [], warnings: [], acknowledged: [] };
const redis = (inputs: Record<string, unknown> = {}) => res('kvstore/instance:Instance', 'cache', { instanceClass: 'redis.shard.small.2.ce', ...inputs });
const connection = (acks?: any) => res('kvstore/connection:Connection', 'cache-public', { instanceId: 'cache.id', connectionStringPrefix: 'cache', port: '6379' }, acks);
const on = (resource: string, type: string, message: string) => ({ ruleId: 'ALI-REDIS-PUBLIC', severity: 'error', resource, type: `alicloud:${type}`, message });

describe('ALI-REDIS-PUBLIC', () => {
  it('passes an instance whitelisting only VPC ranges, or nothing', () => {
    expect(run(aliRedisPublic, manifestOf(redis({ securityIps: ['10.50.0.0/16'] }), redis()))).toEqual(NONE);
  });

  it('finds an any-address whitelist, the deprecated enablePublic, and a public connection', () => {
    expect(run(aliRedisPublic, manifestOf(redis({ securityIps: ['10.50.0.0/16', '0.0.0.0/0'], enablePublic: true }), connection())).errors).toEqual([
      on('cache', 'kvstore/instance:Instance', 'securityIps whitelist contains 0.0.0.0/0: any address may connect'),
      on('cache', 'kvstore/instance:Instance', 'enablePublic opens a public endpoint'),
      on('cache-public', 'kvstore/connection:Connection', 'public endpoint for Redis instance cache'),
    ]);
  });

  it('does not apply to other resources', () => {
    expect(run(aliRedisPublic, manifestOf(res('rds/instance:Instance', 'db', { securityIps: ['0.0.0.0/0'] })))).toEqual(NONE);
  });

  it('reports an acknowledged finding with its reason', () => {
    expect(run(aliRedisPublic, manifestOf(redis(), connection([{ ruleId: 'ALI-REDIS-PUBLIC', reason: ACK_REASON }])))).toEqual({
      ...NONE,
      acknowledged: [{ ...on('cache-public', 'kvstore/connection:Connection', 'public endpoint for Redis instance cache'), reason: ACK_REASON }],
    });
  });
});
