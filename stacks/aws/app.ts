/**
 * CDK app entry (cdk.json). Renders the spec named by `-c spec=<file>` (default:
 * stacks/spec/default.yaml). An invalid spec prints one line per problem and exits 1 before any
 * template is written.
 */
import { App } from 'aws-cdk-lib';
import { DEFAULT_SPEC_PATH, formatProblems, loadSpec, SpecError } from '../spec';
import { buildAwsApp } from './build';

const app = new App({ stackTraces: false });
const specPath = (app.node.tryGetContext('spec') as string | undefined) ?? DEFAULT_SPEC_PATH;
try {
  buildAwsApp(loadSpec(specPath), { app });
} catch (error) {
  if (!(error instanceof SpecError)) throw error;
  process.stderr.write(`${error.source}: invalid spec\n${formatProblems(error.problems)}\n`);
  process.exit(1);
}
