import { CloudName } from '../regions';
import { Placement } from '../shared';
import { TwinstackSpec } from '../spec';

/** A placement of one site on one cloud, with the path it sits at in the spec. */
export interface PlacementAt {
  readonly path: string;
  readonly cloud: CloudName;
  readonly placement: Placement;
  /** Whether the architecture asks for high availability. */
  readonly highAvailability: boolean;
  /** Whether the site has an application load balancer, which both clouds require to span two zones. */
  readonly loadBalanced: boolean;
}

/** Every placement of the enabled architectures, on both clouds. */
export function placements(spec: TwinstackSpec): PlacementAt[] {
  const a = spec.architectures;
  const out: PlacementAt[] = [];
  const at = (path: string, cloud: CloudName, placement: Placement, highAvailability: boolean, loadBalanced = true) =>
    out.push({ path: `architectures.${path}`, cloud, placement, highAvailability, loadBalanced });
  const da = a['dual-active'];
  if (da.enabled) {
    at('dual-active.aws.primary', 'aws', da.aws.primary, da.highAvailability);
    at('dual-active.aws.secondary', 'aws', da.aws.secondary, da.highAvailability);
    at('dual-active.alicloud.primary', 'alicloud', da.alicloud.primary, da.highAvailability);
    at('dual-active.alicloud.secondary', 'alicloud', da.alicloud.secondary, da.highAvailability);
  }
  const dr = a['disaster-recovery'];
  if (dr.enabled) {
    at('disaster-recovery.aws.primary', 'aws', dr.aws.primary, dr.highAvailability);
    at('disaster-recovery.aws.recovery', 'aws', dr.aws.recovery, dr.highAvailability);
    at('disaster-recovery.alicloud.primary', 'alicloud', dr.alicloud.primary, dr.highAvailability);
    at('disaster-recovery.alicloud.recovery', 'alicloud', dr.alicloud.recovery, dr.highAvailability);
  }
  const web = a['high-performance-web'];
  if (web.enabled) {
    at('high-performance-web.aws.placement', 'aws', web.aws.placement, web.highAvailability);
    at('high-performance-web.alicloud.placement', 'alicloud', web.alicloud.placement, web.highAvailability);
  }
  const vpn = a['hybrid-vpn'];
  if (vpn.enabled) {
    at('hybrid-vpn.aws.placement', 'aws', vpn.aws.placement, vpn.highAvailability, false);
    at('hybrid-vpn.alicloud.placement', 'alicloud', vpn.alicloud.placement, vpn.highAvailability, false);
  }
  return out;
}
