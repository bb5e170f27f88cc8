import {
  IdempotencyConflictError,
  InvalidCursorError,
  type Page,
  type TicketFilter,
  type TicketStore,
  VersionConflictError,
} from '../../../functions/store/port';
import type { Ticket } from '../../../functions/ticketing/model';
import { createdEvent, minutesIn, revise, ticket } from './fixtures';

/**
 * The behaviour every TicketStore must show, whatever it is built on. A store file calls
 * `describeTicketStoreConformance('DynamoDB', () => ({ store: ... }))` at its top level; `setup`
 * runs while the tests are collected (register hooks there), `store()` once per test and must
 * return a store with no tickets in it.
 */

/** How the suite gets stores. */
export interface ConformanceSetup {
  /** A store no other test has written to. */
  store(): Promise<TicketStore>;
}

async function seed(store: TicketStore, tickets: Ticket[]): Promise<Ticket[]> {
  for (const t of tickets) await store.create(t, createdEvent(t));
  return tickets;
}

const NOW = '2026-11-20T12:00:00.000Z';
const PAST = '2026-11-19T00:00:00.000Z';
const FUTURE = '2026-11-25T00:00:00.000Z';

async function allPages<T>(read: (cursor?: string) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 50);
  return pages;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** Defines the conformance tests for one TicketStore implementation. */
export function describeTicketStoreConformance(name: string, setup: () => ConformanceSetup): void {
  describe(`${name} ticket store conformance`, () => {
    const stores = setup();

    describe('create and get', () => {
      it('returns a ticket deep-equal to the one created, every optional field included', async () => {
        const store = await stores.store();
        const change = ticket({
          type: 'change',
          state: 'scheduled',
          category: 'network',
          impact: 1,
          urgency: 3,
          assignee: 'u-agent',
          changeModel: 'normal',
          plans: { implementation: 'Swap the core switch', backout: 'Swap it back', test: 'Ping every floor' },
          scheduledStart: '2026-11-28T22:00:00.000Z',
          scheduledEnd: '2026-11-29T02:00:00.000Z',
          approver: 'u-approver',
          respondedAt: minutesIn(90),
          holds: [{ from: minutesIn(100), to: minutesIn(160), reason: 'waiting for the vendor' }, { from: minutesIn(200), reason: 'parts' }],
          linkedChanges: [],
          sla: { resolutionDueAt: '2026-12-01T00:00:00.000Z', breached: true },
        });
        const result = await store.create(change, createdEvent(change));
        expect(result).toEqual({ ticket: change, replayed: false });
        expect(await store.get(change.id)).toEqual(change);
      });

      it('returns undefined for an id that was never created', async () => {
        const store = await stores.store();
        expect(await store.get(ticket().id)).toBeUndefined();
      });

      it('writes the created event with the ticket', async () => {
        const store = await stores.store();
        const [t] = await seed(store, [ticket()]);
        expect((await store.events(t.id, { limit: 10 })).items).toEqual([createdEvent(t)]);
      });

      it('rejects creating a ticket whose id exists with VersionConflictError carrying the stored ticket', async () => {
        const store = await stores.store();
        const [first] = await seed(store, [ticket()]);
        const error = await rejectionOf(store.create({ ...first, title: 'Another' }, createdEvent(first)));
        expect(error).toBeInstanceOf(VersionConflictError);
        expect((error as VersionConflictError).current).toEqual(first);
      });
    });

    describe('idempotent create', () => {
      const claim = { key: 'key-1', principal: 'u-requester', requestHash: 'hash-a' };

      it('returns the first ticket, replayed, when the same key and hash come again, and stores one ticket', async () => {
        const store = await stores.store();
        const first = ticket();
        const retry = ticket();
        expect(await store.create(first, createdEvent(first), claim)).toEqual({ ticket: first, replayed: false });
        expect(await store.create(retry, createdEvent(retry), claim)).toEqual({ ticket: first, replayed: true });
        expect((await store.list({ now: NOW }, { limit: 10 })).items).toEqual([first]);
        expect(await store.get(retry.id)).toBeUndefined();
      });

      it('rejects the same key with another request hash with IdempotencyConflictError naming the key', async () => {
        const store = await stores.store();
        const first = ticket();
        await store.create(first, createdEvent(first), claim);
        const other = ticket();
        const error = await rejectionOf(store.create(other, createdEvent(other), { ...claim, requestHash: 'hash-b' }));
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect((error as IdempotencyConflictError).key).toBe('key-1');
        expect(await store.get(other.id)).toBeUndefined();
      });

      it('scopes keys to the caller: the same key from two principals creates two tickets', async () => {
        const store = await stores.store();
        const mine = ticket();
        const theirs = ticket({ requester: 'u-other' });
        expect((await store.create(mine, createdEvent(mine), claim)).replayed).toBe(false);
        expect((await store.create(theirs, createdEvent(theirs), { ...claim, principal: 'u-other' })).replayed).toBe(false);
        expect((await store.list({ now: NOW }, { limit: 10 })).items).toEqual([theirs, mine]);
      });
    });

    describe('update', () => {
      it('stores the new version and appends its events in the same write', async () => {
        const store = await stores.store();
        const [t] = await seed(store, [ticket()]);
        const { next, event } = revise(t, { state: 'in_progress', assignee: 'u-agent', respondedAt: minutesIn(500) });
        await store.update(next, 1, [event]);
        expect(await store.get(t.id)).toEqual(next);
        expect((await store.events(t.id, { limit: 10 })).items).toEqual([createdEvent(t), event]);
      });

      it('drops fields the new version no longer has, and lists it under its new values only', async () => {
        const store = await stores.store();
        const [t] = await seed(store, [ticket({ assignee: 'u-alice', category: 'printing' })]);
        const { assignee: _assignee, category: _category, ...rest } = t;
        const next: Ticket = { ...rest, state: 'in_progress', version: 2 };
        await store.update(next, 1, [{ ticketId: t.id, seq: 2, at: NOW, actor: 'u-agent', kind: 'updated', changes: [{ field: 'assignee', from: 'u-alice' }] }]);
        const stored = await store.get(t.id);
        expect(stored).toEqual(next);
        expect(stored).not.toHaveProperty('assignee');
        expect((await store.list({ now: NOW, assignee: 'u-alice' }, { limit: 10 })).items).toEqual([]);
        expect((await store.list({ now: NOW, state: 'new' }, { limit: 10 })).items).toEqual([]);
        expect((await store.list({ now: NOW, state: 'in_progress' }, { limit: 10 })).items).toEqual([next]);
      });

      it('rejects a stale version with VersionConflictError carrying the current ticket, writing nothing', async () => {
        const store = await stores.store();
        const [t] = await seed(store, [ticket()]);
        const first = revise(t, { title: 'First edit' });
        await store.update(first.next, 1, [first.event]);
        const stale = revise(t, { title: 'Edit from a stale copy' });
        const error = await rejectionOf(store.update(stale.next, 1, [stale.event]));
        expect(error).toBeInstanceOf(VersionConflictError);
        expect((error as VersionConflictError).current).toEqual(first.next);
        expect((error as VersionConflictError).current?.version).toBe(2);
        expect(await store.get(t.id)).toEqual(first.next);
        expect((await store.events(t.id, { limit: 10 })).items).toEqual([createdEvent(t), first.event]);
      });

      it('rejects an update of a ticket that does not exist, with no current ticket', async () => {
        const store = await stores.store();
        const t = ticket();
        const { next, event } = revise(t, { title: 'Ghost' });
        const error = await rejectionOf(store.update(next, 1, [event]));
        expect(error).toBeInstanceOf(VersionConflictError);
        expect((error as VersionConflictError).current).toBeUndefined();
        expect(await store.get(t.id)).toBeUndefined();
      });

      it('lets exactly one of 32 concurrent updates from the same version win; the trail gains one event', async () => {
        const store = await stores.store();
        const [t] = await seed(store, [ticket()]);
        const attempts = Array.from({ length: 32 }, (_, i) => revise(t, { title: `Edit ${i}` }, `u-agent-${i}`));
        const results = await Promise.allSettled(attempts.map(({ next, event }) => store.update(next, 1, [event])));
        const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [attempts[i]] : []));
        const losers = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(31);
        for (const loser of losers) {
          expect(loser).toBeInstanceOf(VersionConflictError);
          expect((loser as VersionConflictError).current?.version).toBe(2);
        }
        expect(await store.get(t.id)).toEqual(winners[0].next);
        expect((await store.events(t.id, { limit: 100 })).items).toEqual([createdEvent(t), winners[0].event]);
      });
    });

    describe('list', () => {
      it('pages of 2 over 7 tickets visit every ticket exactly once, newest first, the last page without a cursor', async () => {
        const store = await stores.store();
        const tickets = await seed(store, Array.from({ length: 7 }, () => ticket()));
        const pages = await allPages((cursor) => store.list({ now: NOW }, { limit: 2, cursor }));
        expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
        expect(pages.flat()).toEqual([...tickets].reverse());
      });

      it('orders by id, newest first, whatever order the tickets were written in', async () => {
        const store = await stores.store();
        const [older, newer] = [ticket(), ticket()];
        await seed(store, [newer, older]);
        expect((await store.list({ now: NOW }, { limit: 10 })).items.map((t) => t.id)).toEqual([newer.id, older.id]);
      });

      it('fills every page up to the limit when the filter skips most tickets, with no empty last page', async () => {
        const store = await stores.store();
        const tickets = await seed(store, Array.from({ length: 12 }, (_, i) => ticket({ type: i % 3 === 0 ? 'change' : 'incident' })));
        const pages = await allPages((cursor) => store.list({ now: NOW, state: 'new', type: 'change' }, { limit: 2, cursor }));
        expect(pages.map((page) => page.length)).toEqual([2, 2]);
        expect(pages.flat()).toEqual([tickets[9], tickets[6], tickets[3], tickets[0]]);
      });

      describe('filters', () => {
        // Seven tickets whose fields cross every filter; `NOW` is 2026-11-20T12:00Z.
        const dataset = (): Record<string, Ticket> => ({
          a: ticket({ title: 'a', type: 'incident', state: 'new', priority: 3, sla: { responseDueAt: FUTURE, breached: false } }),
          b: ticket({ title: 'b', type: 'incident', state: 'in_progress', priority: 1, assignee: 'alice', sla: { breached: true } }),
          c: ticket({ title: 'c', type: 'change', state: 'new', priority: 4, assignee: 'bob', sla: { responseDueAt: PAST, breached: false } }),
          d: ticket({ title: 'd', type: 'problem', state: 'assess', priority: 2, assignee: 'alice', sla: { resolutionDueAt: PAST, breached: false } }),
          e: ticket({ title: 'e', type: 'incident', state: 'resolved', priority: 3, assignee: 'bob', sla: { breached: false } }),
          f: ticket({ title: 'f', type: 'release', state: 'new', priority: 5, assignee: 'alice', sla: { resolutionDueAt: FUTURE, breached: false } }),
          g: ticket({ title: 'g', type: 'change', state: 'assess', priority: 3, sla: { responseDueAt: PAST, breached: true } }),
        });
        const cases: [string, Omit<TicketFilter, 'now'>, string][] = [
          ['type', { type: 'incident' }, 'e b a'],
          ['state', { state: 'new' }, 'f c a'],
          ['priority', { priority: 3 }, 'g e a'],
          ['assignee', { assignee: 'alice' }, 'f d b'],
          ['breached true (stored flag, or a due time before now)', { breached: true }, 'g d c b'],
          ['breached false', { breached: false }, 'f e a'],
          ['type and state', { type: 'change', state: 'assess' }, 'g'],
          ['assignee and breached', { assignee: 'bob', breached: true }, 'c'],
          ['state and priority', { state: 'new', priority: 3 }, 'a'],
          ['type, assignee and breached', { type: 'incident', assignee: 'alice', breached: true }, 'b'],
          ['priority and breached false', { priority: 3, breached: false }, 'e a'],
          ['all five', { type: 'change', state: 'new', priority: 4, assignee: 'bob', breached: true }, 'c'],
          ['a combination nothing matches', { type: 'release', state: 'closed' }, ''],
        ];
        it.each(cases)('filters by %s', async (_label, filter, expected) => {
          const store = await stores.store();
          await seed(store, Object.values(dataset()));
          const page = await store.list({ ...filter, now: NOW }, { limit: 100 });
          expect(page.items.map((t) => t.title).join(' ')).toBe(expected);
          expect(page.nextCursor).toBeUndefined();
        });

        it('evaluates breached at the given time: a due time later than now is not a breach', async () => {
          const store = await stores.store();
          const [t] = await seed(store, [ticket({ sla: { responseDueAt: '2026-11-20T12:00:00.001Z', breached: false } })]);
          expect((await store.list({ now: NOW, breached: true }, { limit: 10 })).items).toEqual([]);
          expect((await store.list({ now: '2026-11-20T12:00:00.002Z', breached: true }, { limit: 10 })).items).toEqual([t]);
        });
      });

      describe('cursors', () => {
        async function firstCursor(store: TicketStore, filter: TicketFilter): Promise<string> {
          await seed(store, [ticket(), ticket(), ticket()]);
          const page = await store.list(filter, { limit: 1 });
          expect(page.nextCursor).toEqual(expect.any(String));
          return page.nextCursor as string;
        }

        it('rejects a cursor this store never issued with InvalidCursorError', async () => {
          const store = await stores.store();
          await seed(store, [ticket()]);
          await expect(store.list({ now: NOW }, { limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
        });

        it('rejects a cursor used with another filter with InvalidCursorError', async () => {
          const store = await stores.store();
          const cursor = await firstCursor(store, { now: NOW, type: 'incident' });
          await expect(store.list({ now: NOW, type: 'change' }, { limit: 1, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
          await expect(store.list({ now: NOW }, { limit: 1, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
        });

        it('rejects a cursor with one character changed with InvalidCursorError', async () => {
          const store = await stores.store();
          const cursor = await firstCursor(store, { now: NOW });
          const at = Math.floor(cursor.length / 2);
          const tampered = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
          await expect(store.list({ now: NOW }, { limit: 1, cursor: tampered })).rejects.toBeInstanceOf(InvalidCursorError);
        });

        it('accepts its cursor with a later `now`, as the next request will have', async () => {
          const store = await stores.store();
          const cursor = await firstCursor(store, { now: NOW });
          expect((await store.list({ now: FUTURE }, { limit: 5, cursor })).items).toHaveLength(2);
        });
      });
    });

    describe('events', () => {
      it('pages a ticket\'s events oldest first', async () => {
        const store = await stores.store();
        let [t] = await seed(store, [ticket()]);
        const events = [createdEvent(t)];
        for (let i = 0; i < 4; i++) {
          const { next, event } = revise(t, { title: `Edit ${i}` });
          await store.update(next, t.version, [event]);
          events.push(event);
          t = next;
        }
        const pages = await allPages((cursor) => store.events(t.id, { limit: 2, cursor }));
        expect(pages.map((page) => page.map((event) => event.seq))).toEqual([[1, 2], [3, 4], [5]]);
        expect(pages.flat()).toEqual(events);
      });

      it('returns one empty page for a ticket with no events', async () => {
        const store = await stores.store();
        expect(await store.events(ticket().id, { limit: 5 })).toEqual({ items: [] });
      });

      it('rejects an events cursor used for another ticket with InvalidCursorError', async () => {
        const store = await stores.store();
        const [t, other] = await seed(store, [ticket(), ticket()]);
        const { next, event } = revise(t, { title: 'Edit' });
        await store.update(next, 1, [event]);
        const page = await store.events(t.id, { limit: 1 });
        await expect(store.events(other.id, { limit: 1, cursor: page.nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('ticketsTouchedBetween', () => {
      it('yields each ticket created, resolved or closed in [from, to) once, and no other', async () => {
        const store = await stores.store();
        const from = '2026-11-04T00:00:00.000Z';
        const to = '2026-11-12T00:00:00.000Z';
        const at = (day: string) => `2026-${day}T10:00:00.000Z`;
        const tickets = await seed(store, [
          ticket({ title: 'created before, resolved before', createdAt: at('10-01'), resolvedAt: at('10-02'), state: 'resolved' }),
          ticket({ title: 'created before, resolved in range', createdAt: at('10-20'), resolvedAt: at('11-10'), state: 'resolved' }),
          ticket({ title: 'closed in range', createdAt: at('10-01'), resolvedAt: at('10-15'), closedAt: '2026-11-11T23:59:59.999Z', state: 'closed' }),
          ticket({ title: 'closed after range', createdAt: at('10-02'), closedAt: at('11-20'), state: 'closed' }),
          ticket({ title: 'created at from', createdAt: from }),
          ticket({ title: 'created in range', createdAt: at('11-05') }),
          ticket({ title: 'created and resolved in range', createdAt: at('11-06'), resolvedAt: at('11-07'), state: 'resolved' }),
          ticket({ title: 'created at to', createdAt: to }),
        ]);
        const touched = await collect(store.ticketsTouchedBetween(from, to));
        expect(touched.map((t) => t.title).sort()).toEqual(
          ['closed in range', 'created and resolved in range', 'created at from', 'created before, resolved in range', 'created in range'].sort(),
        );
        const byId = new Map(tickets.map((t) => [t.id, t]));
        for (const t of touched) expect(t).toEqual(byId.get(t.id));
      });

      it('follows a reopen: a ticket whose resolution was cleared is no longer touched by it', async () => {
        const store = await stores.store();
        const [t] = await seed(store, [ticket({ createdAt: '2026-10-01T10:00:00.000Z', state: 'resolved', resolvedAt: '2026-11-05T10:00:00.000Z' })]);
        const { resolvedAt: _resolvedAt, ...reopened } = t;
        await store.update({ ...reopened, state: 'in_progress', version: 2 }, 1, [
          { ticketId: t.id, seq: 2, at: NOW, actor: 'u-agent', kind: 'transitioned', changes: [{ field: 'state', from: 'resolved', to: 'in_progress' }] },
        ]);
        expect(await collect(store.ticketsTouchedBetween('2026-11-04T00:00:00.000Z', '2026-11-12T00:00:00.000Z'))).toEqual([]);
      });
    });
  });
}
