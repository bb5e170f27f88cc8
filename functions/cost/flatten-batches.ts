/**
 * Turns an async stream of batches (say, the rows of each chunk read) into an async stream of
 * items. An async generator doing the same (`for (const item of batch) yield item`) costs every
 * item several promise hops; here an item already at hand costs one resolved promise, and a
 * consumer that asks for the batches (`inBatches`) pays one per batch.
 */

/** Where a stream from `flattenBatches` keeps its batches, for `inBatches`. */
const BATCHES = Symbol('batches');

/** A stream of items that can also hand over the batches it is made of, while none is read. */
interface BatchedItems<T> extends AsyncIterableIterator<T> {
  [BATCHES](): AsyncIterable<Iterable<T>> | undefined;
}

/**
 * `items` a batch at a time: the batches behind a stream from `flattenBatches` (when nothing has
 * been read from it yet), or else each item as a batch of one. A consumer that takes batches spares
 * every item of a batched stream its promise.
 */
export async function* inBatches<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<Iterable<T>> {
  const batches = (items as Partial<BatchedItems<T>>)[BATCHES]?.();
  if (batches) {
    yield* batches;
    return;
  }
  for await (const item of items) yield [item];
}

/**
 * Items of `batches`, in order, each batch iterated lazily as items are asked for. An error from a
 * batch ends the stream (closing `batches`, so its cleanup runs) and rejects that `next()`.
 */
export function flattenBatches<T>(batches: AsyncIterable<Iterable<T>>): AsyncIterableIterator<T> {
  const outer = batches[Symbol.asyncIterator]();
  let inner: Iterator<T> | undefined;
  let started = false;
  let finished = false;

  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    finished = true;
    inner = undefined;
    await outer.return?.();
    return { done: true, value: undefined };
  };
  const failed = async (error: unknown): Promise<never> => {
    await close();
    throw error;
  };
  /** The next item of the current batch; `undefined` when the batch is used up. */
  const fromBatch = (): IteratorYieldResult<T> | undefined => {
    if (!inner) return undefined;
    const item = inner.next();
    if (!item.done) return item;
    inner = undefined;
    return undefined;
  };
  const nextBatchItem = async (): Promise<IteratorResult<T>> => {
    for (;;) {
      const batch = await outer.next();
      if (batch.done) {
        finished = true;
        return { done: true, value: undefined };
      }
      inner = batch.value[Symbol.iterator]();
      const item = fromBatch();
      if (item) return item;
    }
  };

  const items: BatchedItems<T> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    [BATCHES]() {
      if (started) return undefined;
      started = true;
      return { [Symbol.asyncIterator]: () => outer };
    },
    next(): Promise<IteratorResult<T>> {
      started = true;
      if (finished) return Promise.resolve({ done: true, value: undefined });
      try {
        const item = fromBatch();
        return item ? Promise.resolve(item) : nextBatchItem().catch(failed);
      } catch (error) {
        return failed(error);
      }
    },
    return: close,
  };
  return items;
}
