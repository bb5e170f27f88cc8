import { aggregate } from '../../../../functions/cost/aggregate';
import { CostInputError } from '../../../../functions/cost/errors';
import { readFocusFiles } from '../../../../functions/cost/read-focus';
import { FocusFileSource } from '../../../../functions/cost/sources/focus-files';
import { ALIBABA_CSV_GZ, AWS_CSV, collect, errorOf } from '../fixtures';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);

describe('FocusFileSource', () => {
  it('yields only rows whose ChargePeriodStart falls in [from, to)', async () => {
    const source = new FocusFileSource([AWS_CSV, ALIBABA_CSV_GZ]);
    const rows = await collect(source.rows({ from: day('2024-03-02'), to: day('2024-03-03'), groupBy: [] }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.ChargePeriodStart >= day('2024-03-02') && row.ChargePeriodStart < day('2024-03-03'))).toBe(true);
    const all = await collect(readFocusFiles([AWS_CSV, ALIBABA_CSV_GZ]));
    expect(rows).toEqual(all.filter((row) => row.ChargePeriodStart >= day('2024-03-02') && row.ChargePeriodStart < day('2024-03-03')));
  });

  it('gives the same report as aggregating the files with the same dates', async () => {
    const files = [AWS_CSV, ALIBABA_CSV_GZ];
    const options = { groupBy: ['ServiceName' as const], granularity: 'day' as const, from: day('2024-03-01'), to: day('2024-03-05') };
    const fromSource = await aggregate(new FocusFileSource(files).rows({ from: options.from, to: options.to, groupBy: options.groupBy }), options);
    expect(fromSource).toEqual(await aggregate(readFocusFiles(files), options));
  });

  it('reads the files afresh on every query', async () => {
    const source = new FocusFileSource([AWS_CSV]);
    const query = { from: day('2024-03-01'), to: day('2024-04-01'), groupBy: [] };
    expect((await collect(source.rows(query))).length).toBe((await collect(source.rows(query))).length);
  });

  it('names a missing file', async () => {
    const error = await errorOf(() => collect(new FocusFileSource(['/nonexistent/bill.csv']).rows({ from: 0, to: day('2030-01-01'), groupBy: [] })));
    expect(error).toBeInstanceOf(CostInputError);
    expect(error.message).toBe('/nonexistent/bill.csv: no such file');
  });

  it('needs at least one file', () => {
    expect(() => new FocusFileSource([])).toThrow('FocusFileSource needs at least one file');
  });
});
