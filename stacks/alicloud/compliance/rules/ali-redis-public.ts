import { finding, refersTo, TYPES } from '../helpers';
import type { ComplianceRule } from '../types';

const ID = 'ALI-REDIS-PUBLIC';
const ANYWHERE = ['0.0.0.0/0', '0.0.0.0'];

/**
 * Compliant: no KVStore (Redis) instance is reachable from the internet — its whitelist
 * (`securityIps`) does not contain 0.0.0.0/0, it does not use the deprecated `enablePublic`, and no
 * `kvstore.Connection` (a public endpoint) is attached to it.
 */
export const aliRedisPublic: ComplianceRule = {
  id: ID,
  description: 'No Redis instance has a public endpoint or an any-address whitelist.',
  check(resource, { manifest }) {
    if (resource.type === TYPES.redisInstance) {
      const ips = Array.isArray(resource.inputs.securityIps) ? (resource.inputs.securityIps as unknown[]) : [];
      const findings = [];
      if (ips.some((ip) => ANYWHERE.includes(String(ip).trim()))) {
        findings.push(finding(ID, 'error', resource, 'securityIps whitelist contains 0.0.0.0/0: any address may connect'));
      }
      if (resource.inputs.enablePublic === true) findings.push(finding(ID, 'error', resource, 'enablePublic opens a public endpoint'));
      return findings;
    }
    if (resource.type === TYPES.redisConnection) {
      const target = manifest.resources.find((r) => r.type === TYPES.redisInstance && refersTo(resource.inputs.instanceId, r));
      return [finding(ID, 'error', resource, `public endpoint for Redis instance ${target?.name ?? String(resource.inputs.instanceId)}`)];
    }
    return [];
  },
};
