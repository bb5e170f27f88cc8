import { DrStrategy } from '../disaster-recovery';
import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';

/**
 * The best RPO and RTO each strategy can deliver, in minutes, after the AWS whitepaper
 * "Disaster Recovery of Workloads on AWS": backup & restore — hours; pilot light — tens of minutes;
 * warm standby — minutes. Backup & restore RPO is bounded by the hourly backup schedule.
 */
export const STRATEGY_FLOOR_MINUTES: Record<DrStrategy, { rpo: number; rto: number }> = {
  'backup-restore': { rpo: 60, rto: 240 },
  'pilot-light': { rpo: 10, rto: 30 },
  'warm-standby': { rpo: 1, rto: 5 },
};

/** Compliant when the declared RPO and RTO are ones the chosen strategy can meet. */
export function recoveryObjectivesRule(spec: TwinstackSpec): SpecProblem[] {
  const dr = spec.architectures['disaster-recovery'];
  if (!dr.enabled) return [];
  const floor = STRATEGY_FLOOR_MINUTES[dr.strategy];
  const problems: SpecProblem[] = [];
  if (dr.rpoMinutes < floor.rpo) {
    problems.push(problem('architectures.disaster-recovery.rpoMinutes', `${dr.strategy} cannot meet an RPO of ${dr.rpoMinutes} min (best: ${floor.rpo} min); raise it or choose a stronger strategy`));
  }
  if (dr.rtoMinutes < floor.rto) {
    problems.push(problem('architectures.disaster-recovery.rtoMinutes', `${dr.strategy} cannot meet an RTO of ${dr.rtoMinutes} min (best: ${floor.rto} min); raise it or choose a stronger strategy`));
  }
  return problems;
}
