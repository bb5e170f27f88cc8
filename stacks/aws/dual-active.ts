import { App, Stack } from 'aws-cdk-lib';
import type { TwinstackSpec } from '../spec';

/** Adds the dual-active stacks for the spec. */
export function addDualActiveStacks(app: App, spec: TwinstackSpec): Stack[] {
  void app;
  void spec;
  throw new Error('dual-active: AWS rendering is not built yet');
}
