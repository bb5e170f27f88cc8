import { z } from 'zod';
import { MAX_GROUP_COLUMNS } from '../../functions/cost/aggregate';
import { DIMENSION_COLUMNS } from '../../functions/cost/focus';
import { MAX_REPORT_WEEKS } from '../../functions/cost/scheduled-report';

/** Days of the week, as written in a business calendar or a report schedule. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Retention periods CloudWatch Logs accepts, in days; SLS accepts any of them too. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
/** An end of day may also be `24:00`, midnight at the end of the day. */
const END_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Whether `name` is an IANA time zone this Node.js knows (`Europe/Dublin`, `Asia/Shanghai`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** Whether `text` is a calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Working hours the SLA clocks run in. Outside them (nights, weekends, holidays) the clocks stop.
 * Without a calendar the clocks run around the clock.
 */
export const businessCalendar = z
  .strictObject({
    /** IANA time zone the hours and holidays are read in. */
    timeZone: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Dublin or Asia/Shanghai' }),
    /** Days with working hours. */
    workingDays: z
      .array(z.enum(WEEKDAYS))
      .min(1, 'at least one working day is required')
      .refine((days) => new Set(days).size === days.length, { message: 'must not list a day twice' }),
    /** Start of the working day, `HH:MM` (24-hour) local time. */
    start: z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM (24-hour), e.g. 09:00'),
    /** End of the working day, `HH:MM` local time (`24:00` for midnight); after `start`. */
    end: z.string().regex(END_OF_DAY, 'must be a time of day HH:MM (24-hour, or 24:00), e.g. 17:30'),
    /** Dates (`YYYY-MM-DD`) without working hours. */
    holidays: z
      .array(z.string().refine(isCalendarDate, { message: 'must be a date YYYY-MM-DD that exists' }))
      .refine((dates) => new Set(dates).size === dates.length, { message: 'must not list a date twice' })
      .default([]),
  })
  .refine((calendar) => !TIME_OF_DAY.test(calendar.start) || !END_OF_DAY.test(calendar.end) || calendar.start < calendar.end, {
    message: 'end must be later than start (working hours do not cross midnight)',
    path: ['end'],
  });
export type BusinessCalendar = z.infer<typeof businessCalendar>;

/**
 * The calendar as the function reads it from `BUSINESS_CALENDAR`: JSON in the shape of
 * functions/ticketing/calendar.ts (working days as ISO weekdays, 1 = Monday … 7 = Sunday).
 * Undefined without a calendar: the function then uses its own default.
 */
export function businessCalendarSetting(calendar: BusinessCalendar | undefined): string | undefined {
  if (!calendar) return undefined;
  return JSON.stringify({
    timeZone: calendar.timeZone,
    workingDays: calendar.workingDays.map((day) => WEEKDAYS.indexOf(day) + 1).sort((a, b) => a - b),
    start: calendar.start,
    end: calendar.end,
    holidays: [...calendar.holidays].sort(),
  });
}

const httpsUrl = z
  .string()
  .refine((text) => URL.canParse(text) && new URL(text).protocol === 'https:', { message: 'must be an https:// URL' });

/** A public signing key of the token issuer, as a JSON Web Key (RFC 7517). */
export const publicJwk = z.strictObject({
  kty: z.enum(['RSA', 'EC']),
  alg: z.enum(['RS256', 'ES256']),
  use: z.literal('sig').default('sig'),
  kid: z.string().min(1).optional(),
  /** RSA modulus and exponent (base64url). */
  n: z.string().min(1).optional(),
  e: z.string().min(1).optional(),
  /** EC curve and coordinates (base64url). */
  crv: z.literal('P-256').optional(),
  x: z.string().min(1).optional(),
  y: z.string().min(1).optional(),
}).refine((key) => (key.kty === 'RSA' ? key.n !== undefined && key.e !== undefined : key.crv !== undefined && key.x !== undefined && key.y !== undefined), {
  message: 'an RSA key needs n and e; an EC key needs crv, x and y',
});
export type PublicJwk = z.infer<typeof publicJwk>;

/**
 * Why a time zone name is refused, or undefined when both schedulers read it: an IANA name this
 * Node.js knows, written as the zone database writes it (`Europe/Dublin`; Intl also accepts
 * `europe/dublin`, EventBridge Scheduler does not).
 */
export function scheduleTimeZoneProblem(name: string): string | undefined {
  if (!isTimeZone(name)) return 'must be an IANA time zone such as UTC, Europe/Dublin or Asia/Shanghai';
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return `must be written ${resolved}`;
  return undefined;
}

/** When the weekly cost report runs: one day of the week at one local time. */
export const weeklySchedule = z
  .strictObject({
    /** Day of the week the report runs. */
    dayOfWeek: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }).default('mon'),
    /** Local time of day, `HH:MM` (24-hour). */
    time: z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM (24-hour), e.g. 06:00').default('06:00'),
    /** IANA time zone the day and time are read in; both schedulers follow its daylight saving changes. */
    timeZone: z
      .string()
      .superRefine((name, context) => {
        const problem = scheduleTimeZoneProblem(name);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .default('UTC'),
  })
  .prefault({});
export type WeeklySchedule = z.infer<typeof weeklySchedule>;

/** A column the scheduled report groups by: a FOCUS dimension or `tag:<key>`, which both clouds' billing APIs group by. */
const reportGroupColumn = z.string().refine((text) => (DIMENSION_COLUMNS as readonly string[]).includes(text) || /^tag:.+$/.test(text), {
  message: `must be a FOCUS column (${DIMENSION_COLUMNS.join(', ')}) or tag:<key>`,
});

/** An amount of money: a YAML integer or a decimal string, kept as text (never a binary float). */
const budgetAmount = z.union(
  [
    z.string().regex(/^(?=.*[1-9])\d{1,15}(\.\d{1,18})?$/, 'must be an amount above 0 such as 1000 or "1250.50"'),
    z.number().int().positive().max(Number.MAX_SAFE_INTEGER).transform(String),
  ],
  { error: 'must be an amount above 0 such as 1000 or "1250.50"' },
);

/**
 * Cost reports of the service desk: `GET /cost/reports` on the service's API, and a weekly run
 * that writes the report (JSON and HTML) to a private bucket on each cloud.
 */
export const costReportsSpec = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** When the weekly report runs. @default mon 06:00 UTC */
    schedule: weeklySchedule,
    /** Columns the weekly report groups by, at most two. @default [ServiceName] */
    groupBy: z
      .array(reportGroupColumn)
      .min(1, 'list at least one column')
      .max(MAX_GROUP_COLUMNS, `group by at most ${MAX_GROUP_COLUMNS} columns`)
      .refine((columns) => new Set(columns).size === columns.length, { message: 'must not list a column twice' })
      .default(['ServiceName']),
    /** Whole weeks of history the weekly report covers. @default 4 */
    weeksOfHistory: z
      .number()
      .int('must be a whole number of weeks')
      .min(1, 'must be at least 1')
      .max(MAX_REPORT_WEEKS, `must be at most ${MAX_REPORT_WEEKS} (Cost Explorer keeps 14 months of history)`)
      .default(4),
    /** Monthly budget per billing currency (ISO 4217 code: amount); reports show actual and forecast against it. */
    monthlyBudget: z
      .record(z.string().regex(/^[A-Z]{3}$/), budgetAmount, {
        error: (issue) => (issue.code === 'invalid_key' ? 'must be keyed by ISO 4217 currency codes such as USD or CNY' : undefined),
      })
      .refine((budget) => Object.keys(budget).length > 0, { message: 'name at least one currency, or leave monthlyBudget out' })
      .optional(),
    /** Days a report stays in the bucket before it expires. @default 400, a year and a month for year-on-year reading */
    reportRetentionDays: z
      .number()
      .int('must be a whole number of days')
      .min(7, 'must be at least 7 (one weekly report)')
      .max(3650, 'must be at most 3650')
      .default(400),
  })
  .prefault({});
export type CostReportsSpec = z.infer<typeof costReportsSpec>;

/**
 * The report settings as both cost functions read them from their environment: `COST_GROUP_BY`
 * (`ServiceName,RegionId`), `COST_REPORT_WEEKS` and, with a budget, `COST_BUDGET`
 * (`CNY=7000,USD=1000`, currencies sorted).
 */
export function costReportSettings(reports: CostReportsSpec): Record<string, string> {
  const budget = reports.monthlyBudget;
  return {
    COST_GROUP_BY: reports.groupBy.join(','),
    COST_REPORT_WEEKS: String(reports.weeksOfHistory),
    ...(budget ? { COST_BUDGET: Object.keys(budget).sort().map((currency) => `${currency}=${budget[currency]}`).join(',') } : {}),
  };
}

/**
 * The service desk (ticketing) service: an HTTP API over one function and one table, on each
 * cloud. Its intent (log retention, alarm recipient, business calendar) is shared; each cloud's
 * section names the region it runs in.
 */
export const serviceDeskSpec = z.strictObject({
  enabled: z.boolean().default(true),
  /** Days function and API access logs are kept. */
  logRetentionDays: z
    .number()
    .int()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
    })
    .default(365),
  /** Address subscribed to the service's alarms; none when absent (subscribe the on-call tool later). */
  alarmEmail: z.email('must be an email address').optional(),
  /** Working hours of the SLA clocks. */
  businessCalendar: businessCalendar.optional(),
  /** Cost reports on the same API and a weekly report to a bucket. @default enabled, weekly on Monday 06:00 UTC */
  costReports: costReportsSpec,
  aws: z.strictObject({
    /** Region of the API, function and table. */
    region: z.string(),
  }),
  alicloud: z.strictObject({
    /** Region of the function, its trigger and the Tablestore instance. */
    region: z.string(),
    /**
     * Tablestore instance name: 3-16 of letters, digits and dashes, starting with a letter. It is
     * part of the instance's endpoint, so it must be free in the region.
     * @default `<project>-<environment>-sd`, the project shortened to fit
     */
    tablestoreInstanceName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{1,14}[A-Za-z0-9]$/, 'must be 3-16 of letters, digits and dashes, starting with a letter and not ending with a dash')
      .optional(),
    /**
     * The OpenID Connect issuer whose tokens the function accepts (FC has no user directory of its
     * own: use the AWS side's Cognito user pool, or the organisation's identity provider).
     */
    tokenIssuer: z.strictObject({
      /** `iss` of the tokens. */
      issuer: httpsUrl,
      /** Client id the tokens must be issued to (`aud` or `client_id`). */
      audience: z.string().min(1, 'must name the client id the tokens are issued to'),
      /** Where the issuer publishes its signing keys. @default `<issuer>/.well-known/jwks.json` */
      jwksUrl: httpsUrl.optional(),
      /**
       * The issuer's public signing keys, for FC to check tokens at the trigger before the
       * function runs. Without them the trigger passes every request on and the function checks
       * tokens alone. Keys rotated at the issuer must be updated here.
       */
      triggerKeys: z.array(publicJwk).min(1, 'list at least one key, or leave triggerKeys out').optional(),
    }),
  }),
});
export type ServiceDeskSpec = z.infer<typeof serviceDeskSpec>;
