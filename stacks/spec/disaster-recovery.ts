import { z } from 'zod';
import { alicloudInstanceType, awsInstanceType, domainName, placement, vpcCidr } from './shared';

export const DR_STRATEGIES = ['backup-restore', 'pilot-light', 'warm-standby'] as const;
export type DrStrategy = (typeof DR_STRATEGIES)[number];

/**
 * Disaster recovery: a primary site and a recovery site in another region, prepared according to
 * the strategy. RPO/RTO are the objectives the design must meet; they are checked against what the
 * strategy can deliver (see rules/recovery-objectives.ts).
 */
export const disasterRecoverySpec = z.strictObject({
  enabled: z.boolean().default(true),
  strategy: z.enum(DR_STRATEGIES),
  /** Most data, in minutes, the business accepts to lose. */
  rpoMinutes: z.number().int().positive(),
  /** Longest outage, in minutes, the business accepts. */
  rtoMinutes: z.number().int().positive(),
  /** Name users reach; fails over from the primary to the recovery site. */
  domain: domainName,
  highAvailability: z.boolean().default(true),
  network: z.strictObject({
    primaryCidr: vpcCidr,
    recoveryCidr: vpcCidr,
  }),
  capacity: z
    .strictObject({
      minInstances: z.number().int().min(1).max(100),
      maxInstances: z.number().int().min(1).max(500),
      /** Instances kept running at the recovery site under warm standby. */
      standbyInstances: z.number().int().min(1).max(100).default(1),
      targetCpuPercent: z.number().int().min(10).max(90).default(50),
    })
    .refine((value) => value.minInstances <= value.maxInstances, {
      message: 'minInstances must not exceed maxInstances',
      path: ['minInstances'],
    })
    .refine((value) => value.standbyInstances <= value.maxInstances, {
      message: 'standbyInstances must not exceed maxInstances',
      path: ['standbyInstances'],
    }),
  backup: z.strictObject({
    /** How long recovery points are kept in both vaults. */
    retentionDays: z.number().int().min(7).max(3650).default(35),
  }),
  aws: z.strictObject({
    primary: placement,
    recovery: placement,
    instanceType: awsInstanceType.default('t4g.small'),
  }),
  alicloud: z.strictObject({
    primary: placement,
    recovery: placement,
    instanceType: alicloudInstanceType.default('ecs.g7.large'),
  }),
});
export type DisasterRecoverySpec = z.infer<typeof disasterRecoverySpec>;
