import { z } from 'zod';
import { disasterRecoverySpec } from './disaster-recovery';
import { dualActiveSpec } from './dual-active';
import { highPerformanceWebSpec } from './high-performance-web';
import { hybridVpnSpec } from './hybrid-vpn';
import { domainName, resourceName, tagMap } from './shared';

export const ARCHITECTURES = ['dual-active', 'disaster-recovery', 'high-performance-web', 'hybrid-vpn'] as const;
export type ArchitectureName = (typeof ARCHITECTURES)[number];

/** The whole twinstack spec: shared intent, per-cloud facts, and the four architectures. */
export const twinstackSpec = z.strictObject({
  /** Prefix of every resource name. */
  project: resourceName.default('twinstack'),
  /** Environment name, part of every resource name (`prod`, `staging`). */
  environment: z.string().regex(/^[a-z][a-z0-9]{1,9}$/, 'must be 2-10 characters of a-z and 0-9, starting with a letter'),
  /** Tags (labels on Alibaba Cloud) applied to every resource that takes them. */
  tags: tagMap.default({}),
  /** Public DNS zone every architecture's domain lives in. */
  dnsZone: domainName,
  aws: z.strictObject({
    /** Account the stacks deploy to. */
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    /** Id of the Route 53 public hosted zone for `dnsZone`. */
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ'),
  }),
  alicloud: z
    .strictObject({
      /** Resource group the resources are created in; the account default when absent. */
      resourceGroupId: z.string().regex(/^rg-[a-z0-9]+$/, 'must be a resource group id such as rg-aek2abc').optional(),
    })
    .default({}),
  architectures: z.strictObject({
    'dual-active': dualActiveSpec,
    'disaster-recovery': disasterRecoverySpec,
    'high-performance-web': highPerformanceWebSpec,
    'hybrid-vpn': hybridVpnSpec,
  }),
});

/** The spec as written in YAML (defaults not yet applied). */
export type TwinstackSpecInput = z.input<typeof twinstackSpec>;
/** The validated spec with defaults applied: what renderers read. */
export type TwinstackSpec = z.infer<typeof twinstackSpec>;
