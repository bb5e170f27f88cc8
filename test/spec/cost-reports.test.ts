import { describeSchedule, eventBridgeSchedule, fcTimerCronExpression } from '../../stacks/spec/cost-schedule';
import { costReportSettings } from '../../stacks/spec/service-desk';
import { problemLines, specWith } from '../helpers/spec';

const COST = (s: any) => s.services['service-desk'].costReports;
const reportsOf = (edit: (s: any) => void) => specWith(edit).services['service-desk']!.costReports;
const DESK = (s: any) => s.services['service-desk'];

describe('the costReports section of the service desk', () => {
  it('is enabled in the default spec: Monday 06:00 UTC, by service, four weeks, kept 400 days, with a budget', () => {
    expect(specWith().services['service-desk']!.costReports).toEqual({
      enabled: true,
      schedule: { dayOfWeek: 'mon', time: '06:00', timeZone: 'UTC' },
      groupBy: ['ServiceName'],
      weeksOfHistory: 4,
      monthlyBudget: { USD: '1000', CNY: '7000' },
      reportRetentionDays: 400,
    });
  });

  it('defaults every field when the section is left out, with no budget', () => {
    expect(reportsOf((s) => delete DESK(s).costReports)).toEqual({
      enabled: true,
      schedule: { dayOfWeek: 'mon', time: '06:00', timeZone: 'UTC' },
      groupBy: ['ServiceName'],
      weeksOfHistory: 4,
      reportRetentionDays: 400,
    });
  });

  it('defaults the rest of a schedule that names only its day', () => {
    expect(reportsOf((s) => (COST(s).schedule = { dayOfWeek: 'fri' })).schedule).toEqual({ dayOfWeek: 'fri', time: '06:00', timeZone: 'UTC' });
  });

  it('accepts two group columns, a tag among them, and a fractional budget written as text', () => {
    const reports = reportsOf((s) => {
      COST(s).groupBy = ['RegionId', 'tag:team'];
      COST(s).monthlyBudget = { EUR: '1250.50' };
    });
    expect([reports.groupBy, reports.monthlyBudget]).toEqual([['RegionId', 'tag:team'], { EUR: '1250.50' }]);
  });

  it.each([
    ['a day that is not mon…sun', (s: any) => (COST(s).schedule = { dayOfWeek: 'monday' }), 'costReports.schedule.dayOfWeek: must be one of mon, tue, wed, thu, fri, sat, sun'],
    ['a time without two-digit hours', (s: any) => (COST(s).schedule = { time: '6:00' }), 'costReports.schedule.time: must be a time of day HH:MM (24-hour), e.g. 06:00'],
    ['a time past 23:59', (s: any) => (COST(s).schedule = { time: '24:00' }), 'costReports.schedule.time: must be a time of day HH:MM (24-hour), e.g. 06:00'],
    ['an unknown time zone', (s: any) => (COST(s).schedule = { timeZone: 'Mars/Olympus' }), 'costReports.schedule.timeZone: must be an IANA time zone such as UTC, Europe/Dublin or Asia/Shanghai'],
    ['a time zone in the wrong case', (s: any) => (COST(s).schedule = { timeZone: 'europe/dublin' }), 'costReports.schedule.timeZone: must be written Europe/Dublin'],
    ['three group columns', (s: any) => (COST(s).groupBy = ['ServiceName', 'RegionId', 'SubAccountId']), 'costReports.groupBy: group by at most 2 columns'],
    ['no group column', (s: any) => (COST(s).groupBy = []), 'costReports.groupBy: list at least one column'],
    ['a column twice', (s: any) => (COST(s).groupBy = ['RegionId', 'RegionId']), 'costReports.groupBy: must not list a column twice'],
    ['a column no billing API groups by', (s: any) => (COST(s).groupBy = ['x_team']), 'costReports.groupBy.0: must be a FOCUS column (BillingCurrency, ChargeCategory, ServiceName, ServiceCategory, ProviderName, RegionId, SubAccountId, ResourceId) or tag:<key>'],
    ['no week of history', (s: any) => (COST(s).weeksOfHistory = 0), 'costReports.weeksOfHistory: must be at least 1'],
    ['more weeks than Cost Explorer keeps', (s: any) => (COST(s).weeksOfHistory = 53), 'costReports.weeksOfHistory: must be at most 52 (Cost Explorer keeps 14 months of history)'],
    ['a budget keyed by a lower-case currency', (s: any) => (COST(s).monthlyBudget = { usd: 1000 }), 'costReports.monthlyBudget.usd: must be keyed by ISO 4217 currency codes such as USD or CNY'],
    ['a budget that is not an amount', (s: any) => (COST(s).monthlyBudget = { USD: '10k' }), 'costReports.monthlyBudget.USD: must be an amount above 0 such as 1000 or "1250.50"'],
    ['a fractional budget written as a YAML number', (s: any) => (COST(s).monthlyBudget = { USD: 1250.5 }), 'costReports.monthlyBudget.USD: must be an amount above 0 such as 1000 or "1250.50"'],
    ['a budget of zero', (s: any) => (COST(s).monthlyBudget = { USD: '0.00' }), 'costReports.monthlyBudget.USD: must be an amount above 0 such as 1000 or "1250.50"'],
    ['an empty budget', (s: any) => (COST(s).monthlyBudget = {}), 'costReports.monthlyBudget: name at least one currency, or leave monthlyBudget out'],
    ['a retention shorter than a week', (s: any) => (COST(s).reportRetentionDays = 6), 'costReports.reportRetentionDays: must be at least 7 (one weekly report)'],
    ['an unknown field', (s: any) => (COST(s).weeks = 4), 'costReports: unknown field(s): weeks'],
  ])('rejects %s, naming the field and the rule', (_, edit, problem) => {
    expect(problemLines(edit)).toEqual([`services.service-desk.${problem}`]);
  });

  it('gives both functions the group-by columns, weeks and budget in the variables they read, currencies sorted', () => {
    expect(costReportSettings(specWith().services['service-desk']!.costReports)).toEqual({ COST_GROUP_BY: 'ServiceName', COST_REPORT_WEEKS: '4', COST_BUDGET: 'CNY=7000,USD=1000' });
    const noBudget = reportsOf((s) => {
      delete COST(s).monthlyBudget;
      COST(s).groupBy = ['SubAccountId', 'tag:cost-center'];
    });
    expect(costReportSettings(noBudget)).toEqual({ COST_GROUP_BY: 'SubAccountId,tag:cost-center', COST_REPORT_WEEKS: '4' });
  });
});

describe('the weekly schedule in each cloud syntax', () => {
  const schedule = (dayOfWeek: any, time: string, timeZone: string) => ({ dayOfWeek, time, timeZone });

  it.each([
    [schedule('mon', '06:00', 'UTC'), 'cron(0 6 ? * MON *)', 'CRON_TZ=UTC 0 0 6 ? * MON'],
    [schedule('fri', '17:45', 'Europe/Dublin'), 'cron(45 17 ? * FRI *)', 'CRON_TZ=Europe/Dublin 0 45 17 ? * FRI'],
    [schedule('sun', '00:05', 'Asia/Shanghai'), 'cron(5 0 ? * SUN *)', 'CRON_TZ=Asia/Shanghai 0 5 0 ? * SUN'],
  ])('renders %j as EventBridge %s and FC %s', (weekly, eventBridge, fc) => {
    expect(eventBridgeSchedule(weekly)).toEqual({ expression: eventBridge, timeZone: weekly.timeZone });
    expect(fcTimerCronExpression(weekly)).toBe(fc);
  });

  it('describes the schedule for an operator as day, time and zone', () => {
    expect(describeSchedule(schedule('wed', '09:30', 'America/New_York'))).toBe('wed 09:30 America/New_York');
  });
});
