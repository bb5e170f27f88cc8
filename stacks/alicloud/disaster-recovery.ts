import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec } from '../spec';

export interface DisasterRecoveryArgs {
  readonly spec: TwinstackSpec;
}

/** disaster-recovery on Alibaba Cloud. */
export class DisasterRecovery extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DisasterRecovery', name, {}, opts);
    void args;
    throw new Error('disaster-recovery: Alibaba Cloud rendering is not built yet');
  }
}
