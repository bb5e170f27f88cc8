import { attachedTo, finding, TYPES } from '../helpers';
import type { ComplianceRule } from '../types';

const ID = 'ALI-DB-SSL';
const RDS_SSL_ON = ['Open', 'Update'];
const POLARDB_SSL_ON = ['Enable', 'Update'];
/** PolarDB engines whose endpoints encrypt by default (the provider's own note on `sslEnabled`). */
const POLARDB_SSL_BY_DEFAULT = ['PostgreSQL', 'Oracle'];

/**
 * Compliant: every RDS instance has SSL opened (`sslAction: Open`), and every PolarDB MySQL cluster
 * has an endpoint (primary, cluster or custom) with `sslEnabled: Enable` — PolarDB takes SSL per
 * endpoint, not on the cluster; PostgreSQL and Oracle-compatible clusters encrypt by default.
 */
export const aliDbSsl: ComplianceRule = {
  id: ID,
  description: 'RDS instances and PolarDB clusters accept connections over SSL.',
  check(resource, { manifest }) {
    if (resource.type === TYPES.rdsInstance) {
      return RDS_SSL_ON.includes(resource.inputs.sslAction as string)
        ? []
        : [finding(ID, 'error', resource, `RDS instance SSL is not opened (sslAction is ${JSON.stringify(resource.inputs.sslAction ?? null)}, want "Open")`)];
    }
    if (resource.type === TYPES.polardbCluster) {
      if (POLARDB_SSL_BY_DEFAULT.includes(resource.inputs.dbType as string)) return [];
      const encrypted = attachedTo(manifest, TYPES.polardbEndpoints, 'dbClusterId', resource).some((e) =>
        POLARDB_SSL_ON.includes(e.inputs.sslEnabled as string),
      );
      return encrypted
        ? []
        : [finding(ID, 'error', resource, 'no PolarDB endpoint of this cluster has sslEnabled "Enable" (add a PrimaryEndpoint or ClusterEndpoint with SSL)')];
    }
    return [];
  },
};
