import { z } from 'zod';
import { alicloudInstanceType, awsInstanceType, domainName, placement, vpcCidr, webCapacity } from './shared';

/** High-performance web: CDN in front of static and dynamic origins, WAF, autoscaling, cache. */
export const highPerformanceWebSpec = z.strictObject({
  enabled: z.boolean().default(true),
  /** Name users reach, served by the CDN. The dynamic origin is `origin.<domain>`. */
  domain: domainName,
  highAvailability: z.boolean().default(true),
  network: z.strictObject({ cidr: vpcCidr }),
  capacity: webCapacity,
  cache: z.strictObject({
    /** Read replicas per shard, in other zones than the primary. */
    replicas: z.number().int().min(0).max(5).default(1),
  }),
  waf: z.strictObject({
    /** Requests one client IP may send in 5 minutes before it is blocked. */
    rateLimitPer5Minutes: z.number().int().min(100).max(2_000_000_000).default(2000),
  }),
  aws: z.strictObject({
    placement,
    instanceType: awsInstanceType.default('t4g.small'),
    cacheNodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an ElastiCache node type such as cache.t4g.small').default('cache.t4g.small'),
  }),
  alicloud: z.strictObject({
    placement,
    instanceType: alicloudInstanceType.default('ecs.g7.large'),
    cacheInstanceClass: z.string().regex(/^redis\.[a-z0-9.]+$/, 'must be a KVStore instance class such as redis.shard.small.2.ce').default('redis.shard.small.2.ce'),
  }),
});
export type HighPerformanceWebSpec = z.infer<typeof highPerformanceWebSpec>;
