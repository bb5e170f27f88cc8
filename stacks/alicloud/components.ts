import * as pulumi from '@pulumi/pulumi';
import type { ArchitectureName, TwinstackSpec } from '../spec';
import { resourcePrefix } from '../spec/naming';
import { DisasterRecovery } from './disaster-recovery';
import { DualActive } from './dual-active';
import { HighPerformanceWeb } from './high-performance-web';
import { HybridVpn } from './hybrid-vpn';

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

export const ALICLOUD_COMPONENTS: Record<ArchitectureName, AlicloudComponentFactory> = {
  'dual-active': (name, spec) => new DualActive(name, { spec }),
  'disaster-recovery': (name, spec) => new DisasterRecovery(name, { spec }),
  'high-performance-web': (name, spec) => new HighPerformanceWeb(name, { spec }),
  'hybrid-vpn': (name, spec, secrets) => new HybridVpn(name, { spec, preSharedKeys: secrets.vpnPreSharedKeys }),
};

/** Component name of an architecture, e.g. `twinstack-prod-hybrid-vpn`. */
export function componentName(spec: TwinstackSpec, architecture: ArchitectureName): string {
  return `${resourcePrefix(spec)}-${architecture}`;
}

export function renderAlicloudArchitecture(architecture: ArchitectureName, spec: TwinstackSpec, secrets: DeploySecrets = {}): AlicloudArchitecture {
  if (!spec.architectures[architecture].enabled) {
    throw new Error(`architecture ${architecture} is disabled in the spec (architectures.${architecture}.enabled: false)`);
  }
  return ALICLOUD_COMPONENTS[architecture](componentName(spec, architecture), spec, secrets);
}
