const ESM_ONLY = '(hyparquet|hyparquet-compressors|hyparquet-writer|hysnappy)';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Sucrase strips types without type-checking: several times faster than ts-jest on two cores.
  // Types are checked by `npm run typecheck`.
  transform: {
    '\\.ts$': '@sucrase/jest-plugin',
    // ESM-only packages (the Parquet reader and its codecs): their imports become requires.
    [`/node_modules/${ESM_ONLY}/.+\\.js$`]: ['@sucrase/jest-plugin', { transforms: ['imports'] }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  // JavaScript first, as Node resolves: ali-oss ships its TypeScript sources beside the compiled
  // files, and Jest would otherwise load the untransformed `.ts`.
  moduleFileExtensions: ['js', 'ts', 'json'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  snapshotSerializers: ['<rootDir>/test/asset-hash-serializer.ts'],
  testTimeout: 60000,
};
