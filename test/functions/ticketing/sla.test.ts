import { DEFAULT_SLA_POLICY, parseCalendar, slaClocks, slaPolicy, slaSnapshot, Ticket } from '../../../functions/ticketing';
import { newTicket, walk } from './fixtures';

const policy = DEFAULT_SLA_POLICY;
const at = (ticket: Ticket, now: string) => {
  const [response, resolution] = slaClocks(ticket, now, policy);
  return { response, resolution };
};

describe('the default SLA policy', () => {
  it('sets response and resolution targets per priority, business days being the calendar’s working day', () => {
    expect(policy.targets).toEqual({
      1: { responseMinutes: 15, resolutionMinutes: 240, calendar: '24x7' },
      2: { responseMinutes: 30, resolutionMinutes: 480, calendar: '24x7' },
      3: { responseMinutes: 240, resolutionMinutes: 3 * 480, calendar: 'business' },
      4: { responseMinutes: 480, resolutionMinutes: 5 * 480, calendar: 'business' },
      5: { responseMinutes: 2 * 480, resolutionMinutes: 10 * 480, calendar: 'business' },
    });
    expect(slaPolicy(parseCalendar({ start: '08:00', end: '18:00' })).targets[3].resolutionMinutes).toBe(3 * 600);
  });
});

describe('the response clock', () => {
  it('runs from creation and tells when it will breach', () => {
    const p2 = newTicket({ type: 'incident', impact: 1, urgency: 2 }); // created Monday 09:00
    expect(at(p2, '2026-03-02T09:10:00.000Z').response).toEqual({
      name: 'response',
      targetMinutes: 30,
      elapsedMinutes: 10,
      remainingMinutes: 20,
      paused: false,
      breachAt: '2026-03-02T09:30:00.000Z',
      breached: false,
    });
  });

  it('is breached once past its target, with a negative remainder', () => {
    const p1 = newTicket({ type: 'incident', impact: 1, urgency: 1 });
    expect(at(p1, '2026-03-02T09:20:00.000Z').response).toMatchObject({
      elapsedMinutes: 20,
      remainingMinutes: -5,
      breachAt: '2026-03-02T09:15:00.000Z',
      breached: true,
    });
  });

  it('stops when the ticket first leaves new: in time it has no breach time', () => {
    const p3 = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress', at: '2026-03-02T10:30:00.000Z' }]);
    expect(at(p3, '2026-03-05T12:00:00.000Z').response).toEqual({
      name: 'response',
      targetMinutes: 240,
      elapsedMinutes: 90,
      remainingMinutes: 150,
      paused: false,
      stoppedAt: '2026-03-02T10:30:00.000Z',
      breached: false,
    });
  });

  it('stays breached when it stopped late', () => {
    const p2 = walk(newTicket({ type: 'incident', impact: 2, urgency: 1 }), [{ to: 'in_progress', at: '2026-03-02T09:45:00.000Z' }]);
    expect(at(p2, '2026-03-09T09:00:00.000Z').response).toMatchObject({
      elapsedMinutes: 45,
      remainingMinutes: -15,
      stoppedAt: '2026-03-02T09:45:00.000Z',
      breachAt: '2026-03-02T09:30:00.000Z',
      breached: true,
    });
  });

  it('counts business time for priority 3: raised Friday 15:00, due Monday 11:00', () => {
    const p3 = newTicket({ type: 'incident' }, '2026-03-06T15:00:00.000Z');
    expect(at(p3, '2026-03-09T10:00:00.000Z').response).toMatchObject({
      elapsedMinutes: 180,
      remainingMinutes: 60,
      breachAt: '2026-03-09T11:00:00.000Z',
      breached: false,
    });
  });
});

describe('the resolution clock', () => {
  // Priority 3 incident raised Monday 09:00, on hold 11:00–13:00.
  const started = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress', at: '2026-03-02T09:10:00.000Z' }]);
  const held = walk(started, [{ to: 'on_hold', reason: 'waiting for the vendor', at: '2026-03-02T11:00:00.000Z' }]);
  const resumed = walk(held, [{ to: 'in_progress', at: '2026-03-02T13:00:00.000Z' }]);

  it('does not count the two hours on hold', () => {
    expect(at(resumed, '2026-03-02T15:00:00.000Z').resolution).toMatchObject({
      targetMinutes: 1440,
      elapsedMinutes: 240,
      remainingMinutes: 1200,
      paused: false,
      breached: false,
      // 1200 business minutes from Monday 15:00: Monday 120, Tuesday 480, Wednesday 480, Thursday 120.
      breachAt: '2026-03-05T11:00:00.000Z',
    });
  });

  it('is paused, with no breach time, while the ticket is on hold', () => {
    expect(at(held, '2026-03-02T12:30:00.000Z').resolution).toEqual({
      name: 'resolution',
      targetMinutes: 1440,
      elapsedMinutes: 120,
      remainingMinutes: 1320,
      paused: true,
      breached: false,
    });
    expect(slaSnapshot(held, '2026-03-02T12:30:00.000Z', policy)).toEqual({ breached: false });
  });

  it('keeps its breach time while paused after it breached', () => {
    const p1 = walk(newTicket({ type: 'incident', impact: 1, urgency: 1 }), [
      { to: 'in_progress', at: '2026-03-02T09:05:00.000Z' },
      { to: 'on_hold', reason: 'waiting for the vendor', at: '2026-03-02T14:00:00.000Z' },
    ]);
    expect(at(p1, '2026-03-02T16:00:00.000Z').resolution).toMatchObject({
      elapsedMinutes: 300,
      paused: true,
      breachAt: '2026-03-02T13:00:00.000Z',
      breached: true,
    });
  });

  it('counts every minute for priority 1, through the night', () => {
    const p1 = newTicket({ type: 'incident', impact: 1, urgency: 1 }, '2026-03-06T22:00:00.000Z');
    expect(at(p1, '2026-03-07T01:00:00.000Z').resolution).toMatchObject({
      elapsedMinutes: 180,
      breachAt: '2026-03-07T02:00:00.000Z',
      breached: false,
    });
  });

  it('stops at resolution; for a change, which has no resolved state, at close', () => {
    const resolved = walk(resumed, [{ to: 'resolved', resolutionCode: 'fixed', at: '2026-03-02T16:00:00.000Z' }]);
    expect(at(resolved, '2026-03-20T09:00:00.000Z').resolution).toMatchObject({ elapsedMinutes: 300, stoppedAt: '2026-03-02T16:00:00.000Z', breached: false });
    const change = walk(newTicket({ type: 'change', changeModel: 'standard' }), [
      { to: 'scheduled' },
      { to: 'implement' },
      { to: 'review' },
      { to: 'closed', outcome: 'successful', at: '2026-03-02T12:00:00.000Z' },
    ]);
    expect(at(change, '2026-03-20T09:00:00.000Z').resolution).toMatchObject({ elapsedMinutes: 180, stoppedAt: '2026-03-02T12:00:00.000Z' });
  });
});

describe('the SLA snapshot', () => {
  it('holds the due times of running clocks', () => {
    const p3 = newTicket({ type: 'incident' });
    expect(p3.sla).toEqual({ responseDueAt: '2026-03-02T13:00:00.000Z', resolutionDueAt: '2026-03-04T17:00:00.000Z', breached: false });
  });

  it('drops a stopped clock’s due time and marks a clock past due as breached', () => {
    const p1 = walk(newTicket({ type: 'incident', impact: 1, urgency: 1 }), [{ to: 'in_progress', at: '2026-03-02T09:10:00.000Z' }]);
    expect(slaSnapshot(p1, '2026-03-02T12:00:00.000Z', policy)).toEqual({ resolutionDueAt: '2026-03-02T13:00:00.000Z', breached: false });
    expect(slaSnapshot(p1, '2026-03-02T13:30:00.000Z', policy)).toEqual({ resolutionDueAt: '2026-03-02T13:00:00.000Z', breached: true });
  });

  it('stays breached after a late clock stopped', () => {
    const late = walk(newTicket({ type: 'incident', impact: 1, urgency: 1 }), [{ to: 'in_progress', at: '2026-03-02T09:20:00.000Z' }]);
    expect(late.sla.breached).toBe(true);
  });
});
