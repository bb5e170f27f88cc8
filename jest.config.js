/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Sucrase strips types without type-checking: several times faster than ts-jest on two cores.
  // Types are checked by `npm run typecheck`.
  transform: { '\\.ts$': '@sucrase/jest-plugin' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  snapshotSerializers: ['<rootDir>/test/asset-hash-serializer.ts'],
  testTimeout: 60000,
};
