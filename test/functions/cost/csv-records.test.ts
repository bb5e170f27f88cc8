import { csvChunks, CsvFormatError, CsvSplitter, MAX_RECORD_LENGTH, type CsvRecord } from '../../../functions/cost/csv-records';

interface Split {
  readonly line: number;
  readonly fields: string[];
}

function fieldsOf(record: CsvRecord): string[] {
  return Array.from({ length: record.length }, (_, i) => record.field(i)!);
}

/** Splits `chunks` pushed one after the other, reading every record before the next push. */
function split(chunks: readonly string[]): Split[] {
  const splitter = new CsvSplitter();
  const records: Split[] = [];
  const drain = () => {
    for (let record = splitter.next(); record; record = splitter.next()) records.push({ line: record.line, fields: fieldsOf(record) });
  };
  for (const chunk of chunks) {
    splitter.push(chunk);
    drain();
  }
  splitter.end();
  drain();
  return records;
}

function errorOf(run: () => unknown): CsvFormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFormatError);
    return error as CsvFormatError;
  }
  throw new Error('expected a CsvFormatError');
}

/** mulberry32, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Writes a table as RFC 4180 text: fields quoted when they must be, `""` for a quote. */
function csvText(table: readonly (readonly string[])[], lineEnd: string): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return table.map((record) => record.map(cell).join(',')).join(lineEnd) + lineEnd;
}

/** Cuts `text` into pieces of random sizes, some empty, some a single character. */
function randomChunks(text: string, random: () => number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = Math.floor(random() * random() * 40);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

const TRICKY = [
  'a,b,c\n1,2,3\n',
  'a,b\r\n"x, ""quoted""","two\r\nlines"\r\n3,4\r\n',
  '\ufeffname,tags\nvm,"{""env"":""prod""}"\n\n\r\n\nbucket,\n',
  'a,b\n"",""\n,\n"""",x',
  'a,b\n"ends with CR\r",y\r\nlast,"no line end"',
  'a\n"é, ü and €"\n"line\nbreak"\n',
];

describe('CsvSplitter', () => {
  it('splits fields on commas and records on LF or CRLF, numbering lines from 1', () => {
    expect(split(['name,cost\nvm,1.5\r\nbucket,0.25\n'])).toEqual([
      { line: 1, fields: ['name', 'cost'] },
      { line: 2, fields: ['vm', '1.5'] },
      { line: 3, fields: ['bucket', '0.25'] },
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks, and gives the line a record ends on', () => {
    expect(split(['id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,"crlf\r\ninside"\r\n5,x\n'])).toEqual([
      { line: 1, fields: ['id', 'note'] },
      { line: 2, fields: ['1', 'a, b'] },
      { line: 3, fields: ['2', 'say "hi"'] },
      { line: 5, fields: ['3', 'two\nlines'] },
      { line: 7, fields: ['4', 'crlf\r\ninside'] },
      { line: 8, fields: ['5', 'x'] },
    ]);
  });

  it('keeps empty fields, quoted or not, and a last record without a line break', () => {
    expect(split(['a,b,c\n,,\n"",x,""\n1,2,3'])).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['', '', ''] },
      { line: 3, fields: ['', 'x', ''] },
      { line: 4, fields: ['1', '2', '3'] },
    ]);
  });

  it('skips empty lines but counts them, and drops a byte-order mark only at the very start', () => {
    expect(split(['\ufeffa,b\n\n\r\n1,2\n\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['1', '2'] },
    ]);
    expect(split(['a\n\ufeffb\n'])[1].fields).toEqual(['\ufeffb']);
  });

  it('answers field(i) past the last field with undefined', () => {
    const splitter = new CsvSplitter();
    splitter.push('a,b\n');
    const record = splitter.next()!;
    expect([record.length, record.field(1), record.field(2)]).toEqual([2, 'b', undefined]);
  });

  it.each(TRICKY.map((text) => [JSON.stringify(text).slice(0, 40), text]))('gives the same records however %s is cut into chunks', (_name, text) => {
    const whole = split([text]);
    for (let cut = 0; cut <= text.length; cut++) expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(split([...text])).toEqual(whole);
  });

  it('reads back random tables written as RFC 4180, cut into random chunks', () => {
    const random = seeded(42);
    const alphabet = ['a', 'b', '1', ' ', ',', '"', '\n', '\r', 'é', '€'];
    for (let round = 0; round < 300; round++) {
      const width = 1 + Math.floor(random() * 4);
      const table = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: width }, () => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')),
      );
      // A record of one empty field is an empty line, which is skipped: give such records a character.
      for (const record of table) if (record.length === 1 && record[0] === '') record[0] = 'a';
      const text = csvText(table, random() < 0.5 ? '\n' : '\r\n');
      expect(split(randomChunks(text, random)).map((record) => record.fields)).toEqual(table);
    }
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\nx,y"z\n', 2, 1, 'field 2 has a quote but does not start with one'],
    ['text after a closing quote', 'a,b\n"x"y,z\n', 2, 0, 'field 1 has text after its closing quote'],
    ['a quote never closed', 'a,b\n1,2\n3,"open\nstill open\n', 3, 1, 'field 2 opens a quote that is never closed'],
  ])('refuses %s, naming the line and field', (_case, text, line, field, message) => {
    for (const chunks of [[text], [...text]]) {
      const error = errorOf(() => split(chunks));
      expect(error).toMatchObject({ line, field });
      expect(error.message).toContain(message);
    }
  });

  it('refuses a record whose field count differs from the first record, naming its line', () => {
    const error = errorOf(() => split(['a,b,c\n1,2,3\n\n4,5\n']));
    expect(error).toMatchObject({ line: 4, field: undefined, message: 'the record has 2 field(s), the first record has 3' });
  });

  it('refuses a record longer than the limit instead of holding ever more text', () => {
    const splitter = new CsvSplitter();
    splitter.push('a\n"');
    expect(splitter.next()!.field(0)).toBe('a');
    splitter.push('x'.repeat(MAX_RECORD_LENGTH));
    expect(() => splitter.next()).toThrow('is a quote left open?');
  });
});

describe('csvChunks', () => {
  async function* bytes(...chunks: Buffer[]): AsyncGenerator<Buffer> {
    yield* chunks;
  }

  async function records(chunks: AsyncIterable<Buffer>): Promise<string[][]> {
    const all: string[][] = [];
    for await (const batch of csvChunks(chunks)) for (let record = batch.next(); record; record = batch.next()) all.push(fieldsOf(record));
    return all;
  }

  it('decodes UTF-8 whose characters are cut between chunks, before and after ASCII-only chunks', async () => {
    const text = Buffer.from('name,price\nrésumé,€5\nplain,1\n', 'utf8');
    const expected = [
      ['name', 'price'],
      ['résumé', '€5'],
      ['plain', '1'],
    ];
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await records(bytes(text.subarray(0, cut), text.subarray(cut)))).toEqual(expected);
    }
    const ascii = Buffer.from('plain,2\n');
    expect(await records(bytes(text.subarray(0, 14), text.subarray(14), ascii, ascii))).toEqual([...expected, ['plain', '2'], ['plain', '2']]);
  });
});
