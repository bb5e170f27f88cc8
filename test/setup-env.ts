// CloudFormation schema validation costs ~2 s and ~350 MB per synthesis; `npm run synth` keeps it
// on, unit tests turn it off. cdk-nag still runs.
process.env.CDK_VALIDATION = 'false';
// The AWS SDK warns once per process that future releases will need Node 22; the lockfile pins
// the SDK, so in tests the warning is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
