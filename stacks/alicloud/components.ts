import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec, WorkloadName } from '../spec';
import { isEnabled } from '../spec';
import { resourcePrefix } from '../spec/naming';
import { DisasterRecovery } from './disaster-recovery';
import { DualActive } from './dual-active';
import { HighPerformanceWeb } from './high-performance-web';
import { HybridVpn } from './hybrid-vpn';
import { ServiceDesk } from './service-desk';

/** A rendered architecture: the component and what an operator needs from it next. */
export interface AlicloudArchitecture extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;
}

/** Deploy-time inputs that must not live in the spec or the rendered manifests. */
export interface DeploySecrets {
  /** Pre-shared keys of the two VPN tunnels (hybrid-vpn). */
  readonly vpnPreSharedKeys?: pulumi.Input<string>[];
}

export type AlicloudComponentFactory = (name: string, spec: TwinstackSpec, secrets: DeploySecrets) => AlicloudArchitecture;

export const ALICLOUD_COMPONENTS: Record<WorkloadName, AlicloudComponentFactory> = {
  'dual-active': (name, spec) => new DualActive(name, { spec }),
  'disaster-recovery': (name, spec) => new DisasterRecovery(name, { spec }),
  'high-performance-web': (name, spec) => new HighPerformanceWeb(name, { spec }),
  'hybrid-vpn': (name, spec, secrets) => new HybridVpn(name, { spec, preSharedKeys: secrets.vpnPreSharedKeys }),
  'service-desk': (name, spec) => new ServiceDesk(name, { spec }),
};

/** Component name of an architecture or service, e.g. `twinstack-prod-hybrid-vpn`. */
export function componentName(spec: TwinstackSpec, architecture: WorkloadName): string {
  return `${resourcePrefix(spec)}-${architecture}`;
}

export function renderAlicloudArchitecture(architecture: WorkloadName, spec: TwinstackSpec, secrets: DeploySecrets = {}): AlicloudArchitecture {
  if (!isEnabled(spec, architecture)) {
    const where = architecture in spec.architectures ? `architectures.${architecture}.enabled: false` : `services.${architecture} is absent or disabled`;
    throw new Error(`${architecture} is disabled in the spec (${where})`);
  }
  return ALICLOUD_COMPONENTS[architecture](componentName(spec, architecture), spec, secrets);
}
