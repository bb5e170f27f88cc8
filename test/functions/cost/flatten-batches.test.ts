import { flattenBatches, inBatches } from '../../../functions/cost/flatten-batches';
import { collect, errorOf } from './fixtures';

/** Batches from an async generator that records whether its cleanup ran. */
function source(batches: readonly (() => Iterable<number>)[]) {
  const state = { closed: false, batchesAsked: 0 };
  async function* generate(): AsyncGenerator<Iterable<number>> {
    try {
      for (const batch of batches) {
        state.batchesAsked++;
        yield batch();
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, items: flattenBatches(generate()) };
}

describe('flattenBatches', () => {
  it('yields every item of every batch in order, skipping empty batches', async () => {
    const { state, items } = source([() => [1, 2], () => [], () => new Set([3]), () => [4, 5, 6]]);
    expect(await collect(items)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.closed).toBe(true);
    expect(await items.next()).toEqual({ done: true, value: undefined });
  });

  it('takes a batch lazily, one item at a time, and the next batch only when one is wanted', async () => {
    const taken: number[] = [];
    function* lazy(from: number): Generator<number> {
      for (let i = from; i < from + 3; i++) {
        taken.push(i);
        yield i;
      }
    }
    const { state, items } = source([() => lazy(1), () => lazy(4)]);
    expect((await items.next()).value).toBe(1);
    expect(taken).toEqual([1]);
    expect(state.batchesAsked).toBe(1);
  });

  it('closes the source when the consumer stops early', async () => {
    const { state, items } = source([() => [1, 2, 3], () => [4]]);
    for await (const item of items) if (item === 2) break;
    expect(state.closed).toBe(true);
    expect(state.batchesAsked).toBe(1);
  });

  it('rejects with an error thrown while a batch is iterated, closing the source', async () => {
    function* failing(): Generator<number> {
      yield 1;
      throw new RangeError('bad row');
    }
    const { state, items } = source([failing, () => [2]]);
    const seen: number[] = [];
    const error = await errorOf(async () => {
      for await (const item of items) seen.push(item);
    });
    expect(error).toEqual(new RangeError('bad row'));
    expect(seen).toEqual([1]);
    expect(state.closed).toBe(true);
    expect(await items.next()).toEqual({ done: true, value: undefined });
  });

  it('rejects with an error the source throws between batches', async () => {
    async function* broken(): AsyncGenerator<Iterable<number>> {
      yield [1];
      throw new Error('read failed');
    }
    const items = flattenBatches(broken());
    expect((await items.next()).value).toBe(1);
    await expect(items.next()).rejects.toThrow('read failed');
  });
});

describe('inBatches', () => {
  const arrays = async (batches: AsyncIterable<Iterable<number>>) => (await collect(batches)).map((batch) => [...batch]);

  it('hands over the batches behind a flattened stream nothing was read from, closing them when stopped', async () => {
    const { state, items } = source([() => [1, 2], () => [3]]);
    expect(await arrays(inBatches(items))).toEqual([[1, 2], [3]]);
    expect(state.closed).toBe(true);

    const stopped = source([() => [1, 2], () => [3]]);
    for await (const batch of inBatches(stopped.items)) if ([...batch].includes(2)) break;
    expect(stopped.state).toEqual({ closed: true, batchesAsked: 1 });
  });

  it('gives every other stream, or a flattened one already read from, one item per batch', async () => {
    expect(await arrays(inBatches([1, 2]))).toEqual([[1], [2]]);
    const { items } = source([() => [1, 2], () => [3]]);
    await items.next();
    expect(await arrays(inBatches(items))).toEqual([[2], [3]]);
  });
});
