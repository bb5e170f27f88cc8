import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Level } from './model';

/** A cdk-nag AwsSolutions rule as its RULES.md lists it. */
export interface NagRuleInfo {
  readonly level: Level;
  readonly description: string;
}

/**
 * The AwsSolutions rules with their level and one-line cause, read from the RULES.md cdk-nag
 * ships. Acknowledged findings are not in CDK's validation report (cdk-nag drops them before
 * reporting), so this is where their level and description come from. Empty when the file is
 * missing.
 */
export function readNagRuleCatalog(): Map<string, NagRuleInfo> {
  const catalog = new Map<string, NagRuleInfo>();
  let file: string;
  try {
    file = path.join(path.dirname(require.resolve('cdk-nag/package.json')), 'RULES.md');
  } catch {
    return catalog;
  }
  if (!existsSync(file)) return catalog;
  let level: Level = 'warning';
  let inPack = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('## ')) inPack = line.trim() === '## AWS Solutions';
    if (!inPack) continue;
    if (/^###\s+Warnings/.test(line)) level = 'warning';
    if (/^###\s+Errors/.test(line)) level = 'error';
    const row = /^\|\s*(AwsSolutions-[A-Za-z0-9]+)\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (row) catalog.set(row[1], { level, description: row[2] });
  }
  return catalog;
}
