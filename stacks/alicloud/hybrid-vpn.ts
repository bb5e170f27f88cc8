import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec } from '../spec';

export interface HybridVpnArgs {
  readonly spec: TwinstackSpec;
}

/** hybrid-vpn on Alibaba Cloud. */
export class HybridVpn extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: HybridVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:HybridVpn', name, {}, opts);
    void args;
    throw new Error('hybrid-vpn: Alibaba Cloud rendering is not built yet');
  }
}
