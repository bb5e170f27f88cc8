import { serviceRegionsRule } from '../../stacks/spec/rules/service-regions';
import { isEnabled, twinstackSpec } from '../../stacks/spec/spec';
import { defaultSpecInput, problemLines, specWith } from '../helpers/spec';

const DESK = (s: any) => s.services['service-desk'];

describe('the service-desk section', () => {
  it('is enabled in the default spec, with its calendar and both regions', () => {
    const spec = specWith();
    expect(isEnabled(spec, 'service-desk')).toBe(true);
    expect(spec.services['service-desk']).toMatchObject({
      logRetentionDays: 365,
      aws: { region: 'eu-west-1' },
      alicloud: { region: 'cn-hangzhou' },
      businessCalendar: { timeZone: 'Europe/Dublin', workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' },
    });
  });

  it('renders no service when the spec has no services section', () => {
    const spec = specWith((s) => delete s.services);
    expect(spec.services).toEqual({});
    expect(isEnabled(spec, 'service-desk')).toBe(false);
  });

  it('defaults the log retention to a year and leaves the calendar and alarm email out', () => {
    const spec = specWith((s) => {
      delete DESK(s).logRetentionDays;
      delete DESK(s).businessCalendar;
    });
    const desk = spec.services['service-desk']!;
    expect([desk.enabled, desk.logRetentionDays, desk.businessCalendar, desk.alarmEmail]).toEqual([true, 365, undefined, undefined]);
  });

  it('rejects a log retention CloudWatch Logs does not accept, listing the ones it does', () => {
    expect(problemLines((s) => (DESK(s).logRetentionDays = 100))).toEqual([
      expect.stringMatching(/^services\.service-desk\.logRetentionDays: must be a retention CloudWatch Logs accepts: 1, 3, 5, .*, 90, 120, .*3653$/),
    ]);
  });

  it('rejects an alarm email that is not an address', () => {
    expect(problemLines((s) => (DESK(s).alarmEmail = 'ops-at-example.com'))).toEqual(['services.service-desk.alarmEmail: must be an email address']);
  });

  it('names an unknown field of the service', () => {
    expect(problemLines((s) => (DESK(s).logRetention = 30))).toEqual(['services.service-desk: unknown field(s): logRetention']);
  });
});

describe('the Alibaba token issuer and Tablestore instance', () => {
  it('rejects an issuer that is not an https URL', () => {
    expect(problemLines((s) => (DESK(s).alicloud.tokenIssuer.issuer = 'http://login.example.com'))).toEqual([
      'services.service-desk.alicloud.tokenIssuer.issuer: must be an https:// URL',
    ]);
  });

  it('requires the issuer section, naming it', () => {
    expect(problemLines((s) => delete DESK(s).alicloud.tokenIssuer)).toEqual([expect.stringMatching(/^services\.service-desk\.alicloud\.tokenIssuer: is required/)]);
  });

  it('rejects a trigger key without its public parts, and an empty key list', () => {
    expect(problemLines((s) => (DESK(s).alicloud.tokenIssuer.triggerKeys = [{ kty: 'RSA', alg: 'RS256', e: 'AQAB' }]))).toEqual([
      'services.service-desk.alicloud.tokenIssuer.triggerKeys.0: an RSA key needs n and e; an EC key needs crv, x and y',
    ]);
    expect(problemLines((s) => (DESK(s).alicloud.tokenIssuer.triggerKeys = []))).toEqual([
      'services.service-desk.alicloud.tokenIssuer.triggerKeys: list at least one key, or leave triggerKeys out',
    ]);
  });

  it('rejects a Tablestore instance name longer than 16 characters', () => {
    expect(problemLines((s) => (DESK(s).alicloud.tablestoreInstanceName = 'twinstack-prod-desk'))).toEqual([
      'services.service-desk.alicloud.tablestoreInstanceName: must be 3-16 of letters, digits and dashes, starting with a letter and not ending with a dash',
    ]);
  });
});

describe('the business calendar', () => {
  it('rejects a time zone that is not an IANA name', () => {
    expect(problemLines((s) => (DESK(s).businessCalendar.timeZone = 'CET+1'))).toEqual([
      'services.service-desk.businessCalendar.timeZone: must be an IANA time zone such as Europe/Dublin or Asia/Shanghai',
    ]);
  });

  it('rejects a working day that is not a weekday name, and a day listed twice', () => {
    expect(problemLines((s) => (DESK(s).businessCalendar.workingDays = ['mon', 'monday']))).toEqual([
      expect.stringMatching(/^services\.service-desk\.businessCalendar\.workingDays\.1: /),
    ]);
    expect(problemLines((s) => (DESK(s).businessCalendar.workingDays = ['mon', 'tue', 'mon']))).toEqual([
      'services.service-desk.businessCalendar.workingDays: must not list a day twice',
    ]);
  });

  it('rejects a calendar without working days', () => {
    expect(problemLines((s) => (DESK(s).businessCalendar.workingDays = []))).toEqual([
      'services.service-desk.businessCalendar.workingDays: at least one working day is required',
    ]);
  });

  it('rejects a time of day that is not HH:MM', () => {
    expect(problemLines((s) => (DESK(s).businessCalendar.start = '9:00'))).toEqual([
      'services.service-desk.businessCalendar.start: must be a time of day HH:MM (24-hour), e.g. 09:00',
    ]);
  });

  it('rejects working hours that end before they start', () => {
    expect(problemLines((s) => Object.assign(DESK(s).businessCalendar, { start: '18:00', end: '08:00' }))).toEqual([
      'services.service-desk.businessCalendar.end: end must be later than start (working hours do not cross midnight)',
    ]);
  });

  it('rejects a holiday on a date that does not exist, and a holiday listed twice', () => {
    expect(problemLines((s) => (DESK(s).businessCalendar.holidays = ['2026-02-30']))).toEqual([
      'services.service-desk.businessCalendar.holidays.0: must be a date YYYY-MM-DD that exists',
    ]);
    expect(problemLines((s) => (DESK(s).businessCalendar.holidays = ['2026-12-25', '2026-12-25']))).toEqual([
      'services.service-desk.businessCalendar.holidays: must not list a date twice',
    ]);
  });
});

describe('service regions', () => {
  function parsedWith(edit: (input: any) => void) {
    const input = defaultSpecInput();
    edit(input);
    return twinstackSpec.parse(input);
  }

  it('rejects an AWS region that does not exist', () => {
    expect(serviceRegionsRule(parsedWith((s) => (DESK(s).aws.region = 'eu-west-9')))).toEqual([
      { path: 'services.service-desk.aws.region', message: '"eu-west-9" is not an AWS region' },
    ]);
  });

  it('rejects an AWS region on the Alibaba side', () => {
    expect(problemLines((s) => (DESK(s).alicloud.region = 'us-east-2'))).toEqual([
      'services.service-desk.alicloud.region: "us-east-2" is not an Alibaba Cloud region',
    ]);
  });

  it('ignores the regions of a disabled service', () => {
    expect(serviceRegionsRule(parsedWith((s) => Object.assign(DESK(s), { enabled: false, aws: { region: 'nowhere-1' } })))).toEqual([]);
  });
});
