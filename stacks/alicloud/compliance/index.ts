/**
 * Compliance of rendered Alibaba Cloud manifests: the rule list and `evaluate`, which runs every
 * rule on every resource and sorts the findings into errors, warnings and acknowledged ones.
 */
import type { TwinstackSpec } from '../../spec';
import type { Manifest } from '../manifest';
import { aliDbBackup } from './rules/ali-db-backup';
import { aliDbSsl } from './rules/ali-db-ssl';
import { aliHbrRetention } from './rules/ali-hbr-retention';
import { aliOssPublic } from './rules/ali-oss-public';
import { aliOssSse } from './rules/ali-oss-sse';
import { aliRedisPublic } from './rules/ali-redis-public';
import { aliSgAdminOpen } from './rules/ali-sg-admin-open';
import type { AcknowledgedFinding, ComplianceReport, ComplianceRule, Finding } from './types';

export type { AcknowledgedFinding, ComplianceReport, ComplianceRule, Finding, RuleContext, Severity } from './types';

/** Every rule, in the order findings are reported for one resource. */
export const ALICLOUD_RULES: readonly ComplianceRule[] = [
  aliOssPublic,
  aliOssSse,
  aliSgAdminOpen,
  aliDbSsl,
  aliDbBackup,
  aliRedisPublic,
  aliHbrRetention,
];

/**
 * Runs `rules` on every resource of `manifest`. A finding whose rule id the resource acknowledges
 * (see `acknowledge` in ../acknowledgements.ts) is reported as acknowledged, with the reason, and
 * not as an error or warning. Order: resources as in the manifest, then rules as listed.
 */
export function evaluate(manifest: Manifest, spec: TwinstackSpec, rules: readonly ComplianceRule[] = ALICLOUD_RULES): ComplianceReport {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const acknowledged: AcknowledgedFinding[] = [];
  for (const resource of manifest.resources) {
    for (const rule of rules) {
      for (const found of rule.check(resource, { manifest, spec })) {
        const accepted = resource.acknowledgements?.find((a) => a.ruleId === found.ruleId);
        if (accepted) acknowledged.push({ ...found, reason: accepted.reason });
        else (found.severity === 'error' ? errors : warnings).push(found);
      }
    }
  }
  return { errors, warnings, acknowledged };
}
