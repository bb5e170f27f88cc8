import { attachmentsOf, grantsOf, hasPolicies, policyDocumentsOf, uncoveredGrants } from './policy-statements';
import type { Grant, OpaqueDocument } from './policy-statements';
import { shown } from './settings';
import type { ResourcePair, SecurityCheck, SecurityFinding } from './types';
import { findingOn } from './types';

const SHOWN = 3;

/** `{"Fn::GetAtt":["Bucket","Arn"]}` → `${Bucket.Arn}`, `{"Ref":"X"}` → `${X}`, joins concatenated: for reading only. */
export function readableIntrinsic(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(readableIntrinsic).join(',');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === 'string') return `\${${record.Ref}}`;
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `\${${getAtt.join('.')}}`;
    const join = record['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map(readableIntrinsic).join(String(join[0]));
    const sub = record['Fn::Sub'];
    if (typeof sub === 'string') return sub;
  }
  return JSON.stringify(value);
}

function readable(key: string): string {
  if (!key.startsWith('{') && !key.startsWith('[')) return key;
  try {
    return readableIntrinsic(JSON.parse(key));
  } catch {
    return key;
  }
}

/** `Allow s3:GetObject, s3:PutObject on ${Bucket.Arn}/* to Service:ec2.amazonaws.com (with conditions)` per group. */
export function describeGrants(grants: readonly Grant[]): string {
  const groups = new Map<string, { grant: Grant; actions: string[] }>();
  for (const grant of grants) {
    const key = [grant.effect, grant.resource, grant.principal, grant.condition].join('\u0000');
    const group = groups.get(key) ?? { grant, actions: [] };
    group.actions.push(grant.action);
    groups.set(key, group);
  }
  const lines = [...groups.values()].map(({ grant, actions }) => {
    const to = grant.principal ? ` to ${readable(grant.principal)}` : '';
    const when = grant.condition ? ' (with conditions)' : '';
    return `${grant.effect} ${actions.join(', ')} on ${readable(grant.resource)}${to}${when}`;
  });
  const more = lines.length - SHOWN;
  return lines.slice(0, SHOWN).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

const isOpaque = (g: Grant[] | OpaqueDocument): g is OpaqueDocument => !Array.isArray(g);

function documentFindings(pair: ResourcePair): SecurityFinding[] {
  const [before, after] = [policyDocumentsOf(pair.before), policyDocumentsOf(pair.after)];
  const findings: SecurityFinding[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [was, now] = [grantsOf(before.get(path) ?? { Statement: [] }), grantsOf(after.get(path) ?? { Statement: [] })];
    if (isOpaque(was) || isOpaque(now)) {
      const [a, b] = [isOpaque(was) ? was.opaque : JSON.stringify(was), isOpaque(now) ? now.opaque : JSON.stringify(now)];
      // A document that cannot be read may grant anything: a change to it is treated as widening.
      if (a !== b) findings.push(findingOn(pair, 'policy', true, 'widened', `policy document changed and cannot be read as statements (${shown(isOpaque(now) ? now.opaque : 'statements')})`, path));
      continue;
    }
    const allows = (grants: Grant[]) => grants.filter((g) => g.effect === 'Allow');
    const denies = (grants: Grant[]) => grants.filter((g) => g.effect === 'Deny');
    const granted = uncoveredGrants(allows(now), allows(was));
    const undenied = uncoveredGrants(denies(was), denies(now));
    const revoked = uncoveredGrants(allows(was), allows(now));
    const denied = uncoveredGrants(denies(now), denies(was));
    if (granted.length || undenied.length) {
      const parts = [granted.length ? describeGrants(granted) : '', undenied.length ? `no longer ${describeGrants(undenied)}` : ''].filter(Boolean);
      findings.push(findingOn(pair, 'policy', true, 'widened', parts.join('; '), path));
    }
    if (revoked.length || denied.length) {
      const parts = [revoked.length ? `no longer ${describeGrants(revoked)}` : '', denied.length ? describeGrants(denied) : ''].filter(Boolean);
      findings.push(findingOn(pair, 'policy', false, 'narrowed', parts.join('; '), path));
    }
  }
  return findings;
}

function attachmentFindings(pair: ResourcePair): SecurityFinding[] {
  const [before, after] = [attachmentsOf(pair.before), attachmentsOf(pair.after)];
  const findings: SecurityFinding[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [was, now] = [before.get(path) ?? [], after.get(path) ?? []];
    const added = now.filter((a) => !was.includes(a)).map(readable);
    const removed = was.filter((a) => !now.includes(a)).map(readable);
    const at = path === '(attachment)' ? undefined : path;
    if (added.length) findings.push(findingOn(pair, 'policy', true, 'widened', `attached: ${added.join(', ')}`, at));
    if (removed.length) findings.push(findingOn(pair, 'policy', false, 'narrowed', `detached: ${removed.join(', ')}`, at));
  }
  return findings;
}

function boundaryFindings(pair: ResourcePair): SecurityFinding[] {
  if (!pair.before || !pair.after || !['AWS::IAM::Role', 'AWS::IAM::User'].includes(pair.type)) return [];
  const boundary = (body: Record<string, unknown>) => (body.Properties as Record<string, unknown> | undefined)?.PermissionsBoundary;
  const [was, now] = [boundary(pair.before.body), boundary(pair.after.body)];
  if (was !== undefined && now === undefined) return [findingOn(pair, 'policy', true, 'widened', 'permissions boundary removed', 'Properties.PermissionsBoundary')];
  if (was === undefined && now !== undefined) return [findingOn(pair, 'policy', false, 'narrowed', 'permissions boundary added', 'Properties.PermissionsBoundary')];
  return [];
}

/**
 * IAM, RAM and resource policies widened (a grant at head that no base grant covers, a deny
 * removed, a policy attached, a boundary removed) or narrowed (the reverse). Wildcards count:
 * `s3:*` covers `s3:GetObject`; a conditional grant is covered by the same grant without conditions.
 */
export const policyChanges: SecurityCheck = {
  category: 'policy',
  description: 'IAM / RAM / resource policy statements widened (counts) or narrowed; policies attached or detached.',
  check: (pair) => (hasPolicies(pair.type) ? [...documentFindings(pair), ...attachmentFindings(pair), ...boundaryFindings(pair)] : []),
};
