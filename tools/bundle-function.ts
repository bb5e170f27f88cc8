import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');

export interface BundleOptions {
  /** TypeScript (or JavaScript) module exporting the function's `handler`. */
  readonly entry: string;
  /** Packages the runtime provides, left out of the bundle (e.g. `@aws-sdk/*` on Lambda). @default - none */
  readonly external?: readonly string[];
  /** Directory the bundle directories are written under. @default `<os tmpdir>/twinstack-bundles` */
  readonly outRoot?: string;
}

/** A function bundle on disk: one minified CommonJS file, `index.js`, exporting `handler`. */
export interface FunctionBundle {
  /** Directory holding only `index.js`: what a code asset points at. */
  readonly dir: string;
  /** Path of `index.js`. */
  readonly file: string;
  /** Content of `index.js`. */
  readonly code: Buffer;
  /** SHA-256 of `index.js`, hex. */
  readonly sha256: string;
}

const bundles = new Map<string, FunctionBundle>();

/**
 * Bundles `entry` with esbuild for Node 22 (CommonJS, minified, no source map) into a directory
 * named after the entry and options, so the same sources always give the same bytes in the same
 * place and synthesis stays deterministic. Built once per process and entry; the file is rewritten
 * only when its content changes. Needs no Docker and no network.
 */
export function bundleFunction(options: BundleOptions): FunctionBundle {
  const entry = path.resolve(options.entry);
  const external = [...(options.external ?? [])].sort();
  const key = JSON.stringify({ entry: path.relative(ROOT, entry), external });
  const outRoot = options.outRoot ?? path.join(tmpdir(), 'twinstack-bundles');
  const cacheKey = `${outRoot}\n${key}`;
  const cached = bundles.get(cacheKey);
  if (cached) return cached;
  if (!existsSync(entry)) throw new Error(`bundleFunction: entry ${entry} does not exist`);

  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    // ESM builds of dependencies tree-shake better than their CommonJS ones.
    mainFields: ['module', 'main'],
    external,
    legalComments: 'none',
    sourcemap: false,
    absWorkingDir: ROOT,
    write: false,
    logLevel: 'silent',
  });
  if (result.outputFiles.length !== 1) throw new Error(`bundleFunction: expected one output file for ${entry}, got ${result.outputFiles.length}`);
  const code = Buffer.from(result.outputFiles[0].contents);

  const name = path.basename(entry).replace(/\.[cm]?[jt]s$/, '');
  const dir = path.join(outRoot, `${name}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
  const file = path.join(dir, 'index.js');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file) || !readFileSync(file).equals(code)) writeFileSync(file, code);

  const bundle: FunctionBundle = { dir, file, code, sha256: createHash('sha256').update(code).digest('hex') };
  bundles.set(cacheKey, bundle);
  return bundle;
}
