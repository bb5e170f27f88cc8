import { synthArchitecture } from '../helpers/aws';
test('x', () => {
  const { templates } = synthArchitecture('dual-active');
  for (const [n, t] of Object.entries(templates)) {
    const j: any = t.toJSON();
    const r = j.Resources;
    console.log(n, JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k, v]: any) => /DynamoDB|Route53|IAM::Policy/.test(v.Type))), null, 1), JSON.stringify(j.Outputs, null, 1));
  }
});
