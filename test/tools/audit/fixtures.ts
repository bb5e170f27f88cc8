import type { ResourcePair, ResourceState, ScopeSide } from '../../../tools/audit/security';

/** Every reference resolves unless listed in `gone`. */
export function sideWithout(...gone: string[]): ScopeSide {
  return { resolves: (reference) => !gone.includes(typeof reference === 'string' ? reference : JSON.stringify(reference)) };
}

/** An AWS template entry as a resource state. */
export function cfn(type: string, properties: Record<string, unknown> = {}, attributes: Record<string, unknown> = {}): ResourceState {
  return { type, body: { Type: type, Properties: properties, ...attributes } };
}

/** An Alibaba manifest resource as a resource state; `type` is the short form after `alicloud:`. */
export function ali(type: string, inputs: Record<string, unknown> = {}): ResourceState {
  return { type: `alicloud:${type}`, body: { inputs, region: 'cn-hangzhou' } };
}

/** A pair of states of one resource; either side may be undefined (added, removed). */
export function pair(before: ResourceState | undefined, after: ResourceState | undefined, head: ScopeSide = sideWithout()): ResourcePair {
  const type = (after ?? before)!.type;
  return { cloud: type.startsWith('AWS::') ? 'aws' : 'alicloud', scope: 'test', resource: 'Res', type, before, after, base: sideWithout(), head };
}

/** `verb: detail` of each finding, weakening ones marked with `!`, for compact expectations. */
export function summary(findings: ReadonlyArray<{ weakens: boolean; verb: string; detail: string; path?: string }>): string[] {
  return findings.map((f) => `${f.weakens ? '!' : ''}${f.verb}${f.path ? ` @${f.path}` : ''}: ${f.detail}`);
}
