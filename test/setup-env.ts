// CloudFormation schema validation costs ~2 s and ~350 MB per synthesis; `npm run synth` keeps it
// on, unit tests turn it off. cdk-nag still runs.
process.env.CDK_VALIDATION = 'false';
