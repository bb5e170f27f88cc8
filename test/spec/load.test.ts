import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadSpec, parseSpec, SpecError } from '../../stacks/spec';

function errorOf(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('loading a spec file', () => {
  it('loads the default spec with defaults applied', () => {
    const spec = loadSpec();
    expect(spec.architectures['dual-active'].alicloud.database).toBe('polardb-global');
    expect(spec.architectures['hybrid-vpn'].enabled).toBe(true);
  });

  it('names the file and the reason when it cannot be read', () => {
    const error = errorOf(() => loadSpec('/nonexistent/spec.yaml'));
    expect(error.message).toContain('/nonexistent/spec.yaml');
    expect(error.problems).toEqual([{ path: '(file)', message: 'cannot read the spec file: ENOENT' }]);
  });

  it('names the line of a YAML syntax error', () => {
    const error = errorOf(() => parseSpec('project: twinstack\n  environment: [prod\n', 'bad.yaml'));
    expect(error.problems[0].path).toMatch(/^\(yaml line \d+\)$/);
  });

  it('rejects a key written twice', () => {
    const error = errorOf(() => parseSpec('project: a\nproject: b\n'));
    expect(error.problems[0].message).toMatch(/unique/i);
  });

  it('prints one line per problem as path: message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-'));
    const file = path.join(dir, 'empty.yaml');
    writeFileSync(file, 'environment: prod\n');
    const error = errorOf(() => loadSpec(file));
    const lines = error.message.split('\n').slice(1);
    expect(lines.length).toBe(error.problems.length);
    for (const line of lines) expect(line).toMatch(/^[\w.()-]+: .+/);
  });
});
