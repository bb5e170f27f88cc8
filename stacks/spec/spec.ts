import { z } from 'zod';
import { disasterRecoverySpec } from './disaster-recovery';
import { dualActiveSpec } from './dual-active';
import { highPerformanceWebSpec } from './high-performance-web';
import { hybridVpnSpec } from './hybrid-vpn';
import { serviceDeskSpec } from './service-desk';
import { domainName, resourceName, tagMap } from './shared';

export const ARCHITECTURES = ['dual-active', 'disaster-recovery', 'high-performance-web', 'hybrid-vpn'] as const;
export type ArchitectureName = (typeof ARCHITECTURES)[number];

/** Serverless services that run on top of the architectures, rendered like them on both clouds. */
export const SERVICES = ['service-desk'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** What the renderers render: an architecture or a service. */
export type WorkloadName = ArchitectureName | ServiceName;
export const WORKLOADS: readonly WorkloadName[] = [...ARCHITECTURES, ...SERVICES];

/** The whole twinstack spec: shared intent, per-cloud facts, the four architectures and the services. */
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
  /** Services to render; one left out is not rendered. */
  services: z
    .strictObject({
      'service-desk': serviceDeskSpec.optional(),
    })
    .default({}),
});

/** The spec as written in YAML (defaults not yet applied). */
export type TwinstackSpecInput = z.input<typeof twinstackSpec>;
/** The validated spec with defaults applied: what renderers read. */
export type TwinstackSpec = z.infer<typeof twinstackSpec>;

/** Whether the spec asks for an architecture or a service to be rendered. */
export function isEnabled(spec: TwinstackSpec, workload: WorkloadName): boolean {
  if ((ARCHITECTURES as readonly string[]).includes(workload)) return spec.architectures[workload as ArchitectureName].enabled;
  return spec.services[workload as ServiceName]?.enabled ?? false;
}
