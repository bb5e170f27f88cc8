import type { WeeklySchedule } from './service-desk';

/** A schedule as EventBridge Scheduler reads it: a cron expression and the time zone it is read in. */
export interface EventBridgeSchedule {
  /** `cron(minutes hours day-of-month month day-of-week year)`, e.g. `cron(0 6 ? * MON *)`. */
  readonly expression: string;
  /** IANA name for `ScheduleExpressionTimezone`. */
  readonly timeZone: string;
}

function hourAndMinute(schedule: WeeklySchedule): [number, number] {
  const [hour, minute] = schedule.time.split(':').map(Number);
  return [hour, minute];
}

/**
 * The weekly schedule for EventBridge Scheduler: its six-field cron with `?` for the day of the
 * month (one of the two day fields must be `?`) and the local time zone beside it, which the
 * scheduler applies with daylight saving.
 */
export function eventBridgeSchedule(schedule: WeeklySchedule): EventBridgeSchedule {
  const [hour, minute] = hourAndMinute(schedule);
  return { expression: `cron(${minute} ${hour} ? * ${schedule.dayOfWeek.toUpperCase()} *)`, timeZone: schedule.timeZone };
}

/**
 * The weekly schedule as an FC 3.0 timer trigger's `cronExpression`: FC reads six fields starting
 * with seconds (`seconds minutes hours day-of-month month day-of-week`) in UTC unless a `CRON_TZ=`
 * prefix names the zone, e.g. `CRON_TZ=Asia/Shanghai 0 0 6 ? * MON`.
 */
export function fcTimerCronExpression(schedule: WeeklySchedule): string {
  const [hour, minute] = hourAndMinute(schedule);
  return `CRON_TZ=${schedule.timeZone} 0 ${minute} ${hour} ? * ${schedule.dayOfWeek.toUpperCase()}`;
}

/** The schedule as a person reads it, for outputs: `mon 06:00 Europe/Dublin`. */
export function describeSchedule(schedule: WeeklySchedule): string {
  return `${schedule.dayOfWeek} ${schedule.time} ${schedule.timeZone}`;
}
