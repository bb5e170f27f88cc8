import type { ManifestResource } from '../../manifest';
import { finding, numberOf } from '../helpers';
import type { ComplianceRule, Finding, RuleContext } from '../types';

const ID = 'ALI-HBR-RETENTION';

/** HBR backup plans: a `retention` (days) and a `schedule`, at the top or per rule (OTS). */
export const HBR_PLAN_TYPES = [
  'alicloud:hbr/ossBackupPlan:OssBackupPlan',
  'alicloud:hbr/ecsBackupPlan:EcsBackupPlan',
  'alicloud:hbr/nasBackupPlan:NasBackupPlan',
  'alicloud:hbr/otsBackupPlan:OtsBackupPlan',
  'alicloud:hbr/serverBackupPlan:ServerBackupPlan',
];
export const HBR_POLICY_TYPE = 'alicloud:hbr/policy:Policy';

/**
 * Minutes between backups of an HBR schedule `I|{startTime}|{ISO 8601 interval}` such as
 * `I|1631685600|PT1H`; undefined when the interval is not in weeks, days, hours, minutes, seconds.
 */
export function scheduleIntervalMinutes(schedule: unknown): number | undefined {
  if (typeof schedule !== 'string') return undefined;
  const parts = schedule.split('|');
  if (parts.length !== 3 || parts[0] !== 'I') return undefined;
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(parts[2]);
  if (!match || parts[2] === 'P' || parts[2].endsWith('T')) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0));
  return weeks * 7 * 1440 + days * 1440 + hours * 60 + minutes + seconds / 60;
}

function scheduleFindings(resource: ManifestResource, schedules: unknown[], rpoMinutes: number): Finding[] {
  if (schedules.length === 0) return [finding(ID, 'error', resource, 'no backup schedule: recovery points are never taken')];
  return schedules.flatMap((schedule) => {
    const interval = scheduleIntervalMinutes(schedule);
    if (interval === undefined) {
      return [finding(ID, 'warning', resource, `schedule ${JSON.stringify(schedule)} is not I|{startTime}|{interval in W/D/H/M/S}: RPO of ${rpoMinutes} min not checked`)];
    }
    return interval > rpoMinutes
      ? [finding(ID, 'error', resource, `backs up every ${interval} min, longer than the RPO of ${rpoMinutes} min`)]
      : [];
  });
}

function retentionFinding(resource: ManifestResource, value: unknown, days: number, what: string): Finding[] {
  const kept = numberOf(value);
  if (kept === undefined) return [finding(ID, 'error', resource, `${what} retention is not set`)];
  return kept < days ? [finding(ID, 'error', resource, `${what} keeps recovery points ${kept} days, fewer than the spec's ${days}`)] : [];
}

function planFindings(resource: ManifestResource, days: number, rpoMinutes: number): Finding[] {
  const { inputs } = resource;
  const rules = (Array.isArray(inputs.rules) ? inputs.rules : []) as Array<Record<string, unknown>>;
  const details = (Array.isArray(inputs.details) ? inputs.details : []) as Array<Record<string, unknown>>;
  const schedules = [inputs.schedule, ...rules.map((r) => r.schedule)].filter((s) => s !== undefined);
  return [
    ...retentionFinding(resource, inputs.retention, days, 'plan'),
    ...rules.flatMap((r, i) => (r.retention === undefined ? [] : retentionFinding(resource, r.retention, days, `rule ${i}`))),
    ...details
      .filter((d) => d.doCopy === true)
      .flatMap((d, i) => retentionFinding(resource, d.destinationRetention, days, `copy to ${String(d.destinationRegionId ?? `detail ${i}`)}`)),
    ...scheduleFindings(resource, schedules, rpoMinutes),
  ];
}

function policyFindings(resource: ManifestResource, days: number, rpoMinutes: number): Finding[] {
  const rules = (Array.isArray(resource.inputs.rules) ? resource.inputs.rules : []) as Array<Record<string, unknown>>;
  const ofType = (type: string) => rules.filter((r) => r.ruleType === type);
  // The local vault's retention is set on the BACKUP rule or a TRANSITION rule; the longest counts.
  const local = [...ofType('BACKUP'), ...ofType('TRANSITION')].map((r) => numberOf(r.retention)).filter((n): n is number => n !== undefined);
  return [
    ...retentionFinding(resource, local.length ? Math.max(...local) : undefined, days, 'policy'),
    ...ofType('REPLICATION').flatMap((r) => retentionFinding(resource, r.retention, days, `replication to ${String(r.replicationRegionId ?? 'another region')}`)),
    ...scheduleFindings(resource, ofType('BACKUP').map((r) => r.schedule).filter((s) => s !== undefined), rpoMinutes),
  ];
}

/**
 * Compliant: every HBR backup plan and policy keeps recovery points (locally and in every
 * cross-region copy) at least the spec's `disaster-recovery.backup.retentionDays`, and backs up at
 * least as often as `disaster-recovery.rpoMinutes` allows.
 */
export const aliHbrRetention: ComplianceRule = {
  id: ID,
  description: "HBR backups are kept at least the spec's retention and taken at least as often as its RPO.",
  check(resource, { spec }: RuleContext) {
    const { backup, rpoMinutes } = spec.architectures['disaster-recovery'];
    if (HBR_PLAN_TYPES.includes(resource.type)) return planFindings(resource, backup.retentionDays, rpoMinutes);
    if (resource.type === HBR_POLICY_TYPE) return policyFindings(resource, backup.retentionDays, rpoMinutes);
    return [];
  },
};
