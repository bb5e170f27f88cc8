import { App, Stack } from 'aws-cdk-lib';
import type { TwinstackSpec } from '../spec';

/** Adds the hybrid-vpn stacks for the spec. */
export function addHybridVpnStacks(app: App, spec: TwinstackSpec): Stack[] {
  void app;
  void spec;
  throw new Error('hybrid-vpn: AWS rendering is not built yet');
}
