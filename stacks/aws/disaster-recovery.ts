import { App, Stack } from 'aws-cdk-lib';
import type { TwinstackSpec } from '../spec';

/** Adds the disaster-recovery stacks for the spec. */
export function addDisasterRecoveryStacks(app: App, spec: TwinstackSpec): Stack[] {
  void app;
  void spec;
  throw new Error('disaster-recovery: AWS rendering is not built yet');
}
