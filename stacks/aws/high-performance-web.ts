import { App, Stack } from 'aws-cdk-lib';
import type { TwinstackSpec } from '../spec';

/** Adds the high-performance-web stacks for the spec. */
export function addHighPerformanceWebStacks(app: App, spec: TwinstackSpec): Stack[] {
  void app;
  void spec;
  throw new Error('high-performance-web: AWS rendering is not built yet');
}
