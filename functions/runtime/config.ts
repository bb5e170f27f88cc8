import { DEFAULT_SLA_POLICY, parseCalendar, slaPolicy, type SlaPolicy } from '../ticketing';

/**
 * The SLA policy for a deployment: the default targets on the business calendar given as JSON in
 * BUSINESS_CALENDAR (time zone, working days and hours, holidays), or the default calendar.
 * A malformed calendar stops the function at start, naming the field.
 */
export function slaPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SlaPolicy {
  const raw = env.BUSINESS_CALENDAR;
  if (!raw) return DEFAULT_SLA_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('BUSINESS_CALENDAR: is not valid JSON');
  }
  // slaPolicy sizes business-day targets by the calendar's working day.
  return slaPolicy(parseCalendar(json));
}

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name}: environment variable is required`);
  return value;
}
