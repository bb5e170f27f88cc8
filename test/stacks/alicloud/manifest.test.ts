import { renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';

describe('rendering Alibaba manifests', () => {
  it('rejects with the component error when a component refuses its arguments', async () => {
    const spec = specWith((s) => (s.architectures['disaster-recovery'].backup.retentionDays = 1000));
    await expect(renderArchitecture('disaster-recovery', spec)).rejects.toThrow(/retentionDays/);
  });
});
