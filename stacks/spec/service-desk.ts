import { z } from 'zod';

/** Days of the week, as written in a business calendar. */
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
