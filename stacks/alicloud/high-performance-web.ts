import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec } from '../spec';

export interface HighPerformanceWebArgs {
  readonly spec: TwinstackSpec;
}

/** high-performance-web on Alibaba Cloud. */
export class HighPerformanceWeb extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: HighPerformanceWebArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:HighPerformanceWeb', name, {}, opts);
    void args;
    throw new Error('high-performance-web: Alibaba Cloud rendering is not built yet');
  }
}
