/**
 * Pulumi program (Pulumi.yaml): stands up the architecture or service named by `twinstack:architecture` from
 * the spec named by `twinstack:spec`. Regions come from the spec, through explicit providers; the
 * stack's outputs are the component's (endpoints, ids, tunnel addresses).
 */
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { formatProblems, loadSpec, SpecError, WORKLOADS, WorkloadName } from '../spec';
import { renderAlicloudArchitecture } from './components';

const config = new pulumi.Config('twinstack');
const architecture = config.require('architecture');
if (!(WORKLOADS as readonly string[]).includes(architecture)) {
  throw new Error(`twinstack:architecture must be one of ${WORKLOADS.join(', ')}; got "${architecture}"`);
}
const specPath = path.resolve(config.get('spec') ?? 'stacks/spec/default.yaml');
let spec;
try {
  spec = loadSpec(specPath);
} catch (error) {
  if (error instanceof SpecError) throw new Error(`${specPath}: invalid spec\n${formatProblems(error.problems)}`);
  throw error;
}

// Tunnel keys are deploy-time secrets: `pulumi config set --secret twinstack:vpnPsk0 …` (and vpnPsk1).
// Only the offline renderer, which never deploys, falls back to placeholders.
const secrets =
  architecture === 'hybrid-vpn' ? { vpnPreSharedKeys: [config.requireSecret('vpnPsk0'), config.requireSecret('vpnPsk1')] } : {};

export const outputs = renderAlicloudArchitecture(architecture as WorkloadName, spec, secrets).outputs;
