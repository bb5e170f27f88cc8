import { aliDbSsl } from '../../../../stacks/alicloud/compliance/rules/ali-db-ssl';
import { ACK_REASON, manifestOf, res, run } from './fixtures';

const NONE = { errors: [], warnings: [], acknowledged: [] };
const rds = (inputs: Record<string, unknown> = {}, acks?: any) => res('rds/instance:Instance', 'db', { engine: 'MySQL', ...inputs }, acks);
const cluster = (inputs: Record<string, unknown> = {}) => res('polardb/cluster:Cluster', 'pc', { dbType: 'MySQL', dbVersion: '8.0', ...inputs });
const endpoint = (sslEnabled: string, cluster = 'pc.id') => res('polardb/primaryEndpoint:PrimaryEndpoint', 'pc-primary', { dbClusterId: cluster, sslEnabled });
const RDS_CLOSED = { ruleId: 'ALI-DB-SSL', severity: 'error', resource: 'db', type: 'alicloud:rds/instance:Instance', message: 'RDS instance SSL is not opened (sslAction is null, want "Open")' };
const POLAR_CLOSED = { ruleId: 'ALI-DB-SSL', severity: 'error', resource: 'pc', type: 'alicloud:polardb/cluster:Cluster', message: 'no PolarDB endpoint of this cluster has sslEnabled "Enable" (add a PrimaryEndpoint or ClusterEndpoint with SSL)' };

describe('ALI-DB-SSL', () => {
  it('passes RDS with sslAction Open and PolarDB MySQL with an SSL endpoint', () => {
    expect(run(aliDbSsl, manifestOf(rds({ sslAction: 'Open' }), cluster(), endpoint('Enable')))).toEqual(NONE);
  });

  it('passes PolarDB PostgreSQL, whose endpoints encrypt by default', () => {
    expect(run(aliDbSsl, manifestOf(cluster({ dbType: 'PostgreSQL', dbVersion: '14' })))).toEqual(NONE);
  });

  it('finds RDS without SSL and PolarDB MySQL without an SSL endpoint of its own', () => {
    expect(run(aliDbSsl, manifestOf(rds())).errors).toEqual([RDS_CLOSED]);
    expect(run(aliDbSsl, manifestOf(rds({ sslAction: 'Close' }))).errors).toEqual([{ ...RDS_CLOSED, message: 'RDS instance SSL is not opened (sslAction is "Close", want "Open")' }]);
    expect(run(aliDbSsl, manifestOf(cluster())).errors).toEqual([POLAR_CLOSED]);
    expect(run(aliDbSsl, manifestOf(cluster(), endpoint('Disable'))).errors).toEqual([POLAR_CLOSED]);
    expect(run(aliDbSsl, manifestOf(cluster(), endpoint('Enable', 'other.id'))).errors).toEqual([POLAR_CLOSED]);
  });

  it('does not apply to other resources', () => {
    expect(run(aliDbSsl, manifestOf(res('rds/readOnlyInstance:ReadOnlyInstance', 'ro', { masterDbInstanceId: 'db.id' }), endpoint('Disable')))).toEqual(NONE);
  });

  it('reports an acknowledged finding with its reason', () => {
    expect(run(aliDbSsl, manifestOf(rds({}, [{ ruleId: 'ALI-DB-SSL', reason: ACK_REASON }])))).toEqual({ ...NONE, acknowledged: [{ ...RDS_CLOSED, reason: ACK_REASON }] });
  });
});
