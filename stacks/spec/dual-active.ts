import { z } from 'zod';
import { alicloudInstanceType, awsInstanceType, domainName, placement, vpcCidr, webCapacity } from './shared';

/** Dual-active: two sites serve traffic at once; DNS steers users to the nearest healthy one. */
export const dualActiveSpec = z.strictObject({
  enabled: z.boolean().default(true),
  /** Name users reach; latency-routed to both sites. */
  domain: domainName,
  /** Require two or more zones per site. */
  highAvailability: z.boolean().default(true),
  network: z.strictObject({
    primaryCidr: vpcCidr,
    secondaryCidr: vpcCidr,
  }),
  capacity: webCapacity,
  /** Path the DNS health checks probe on each site. */
  healthCheckPath: z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, 'must be an absolute URL path').default('/health'),
  aws: z.strictObject({
    primary: placement,
    secondary: placement,
    instanceType: awsInstanceType.default('t4g.small'),
  }),
  alicloud: z.strictObject({
    primary: placement,
    secondary: placement,
    instanceType: alicloudInstanceType.default('ecs.g7.large'),
    /** PolarDB global database network, or RDS with a cross-zone standby and a read-only instance. */
    database: z.enum(['polardb-global', 'rds']).default('polardb-global'),
  }),
});
export type DualActiveSpec = z.infer<typeof dualActiveSpec>;
