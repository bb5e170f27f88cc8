/**
 * Security classification shared by the AWS and Alibaba diffs: every check, in the order a
 * reviewer reads their findings, and `classify`, which runs them over resource pairs.
 */
import { encryptionChanges } from './encryption';
import { ingressChanges } from './ingress';
import { loggingChanges } from './logging';
import { policyChanges } from './policy';
import { protectionChanges } from './protection';
import { publicAccessChanges } from './public-access';
import { retentionChanges } from './retention';
import type { ResourcePair, SecurityCheck, SecurityFinding } from './types';

export type { Cloud, ResourcePair, ResourceState, ScopeSide, SecurityCategory, SecurityCheck, SecurityFinding } from './types';

export const SECURITY_CHECKS: readonly SecurityCheck[] = [
  policyChanges,
  ingressChanges,
  publicAccessChanges,
  encryptionChanges,
  loggingChanges,
  protectionChanges,
  retentionChanges,
];

/** What every check finds on every pair: weakening findings first, then in check order, then as the pairs came. */
export function classify(pairs: readonly ResourcePair[], checks: readonly SecurityCheck[] = SECURITY_CHECKS): SecurityFinding[] {
  const findings = pairs.flatMap((pair) => checks.flatMap((c) => c.check(pair)));
  return [...findings.filter((f) => f.weakens), ...findings.filter((f) => !f.weakens)];
}
