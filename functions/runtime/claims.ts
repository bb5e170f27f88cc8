import { ROLES, type Principal, type Role } from '../ticketing/model';

/** The claim carrying the caller's roles: Cognito user pool groups. */
export const ROLES_CLAIM = 'cognito:groups';

/**
 * The caller from verified token claims, or undefined without a subject. Roles come from the
 * `cognito:groups` claim, which arrives as an array from a decoded token and as the string
 * `[agent approver]` from API Gateway's JWT authorizer; unknown groups are ignored.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Principal | undefined {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const raw = claims?.[ROLES_CLAIM];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  const roles = [...new Set(groups.filter((group): group is Role => (ROLES as readonly string[]).includes(group)))];
  return { sub, roles };
}
