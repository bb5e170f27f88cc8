import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec } from '../spec';

export interface DualActiveArgs {
  readonly spec: TwinstackSpec;
}

/** dual-active on Alibaba Cloud. */
export class DualActive extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: DualActiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DualActive', name, {}, opts);
    void args;
    throw new Error('dual-active: Alibaba Cloud rendering is not built yet');
  }
}
