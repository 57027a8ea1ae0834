// One Jest configuration for every project: *.spec.ts (pure, fast), *.int-spec.ts (real PostgreSQL, Redis, Kafka,
// SMTP) and *.e2e-spec.ts (all services as real processes). ESM throughout: run with --experimental-vm-modules.
const libs = ['contracts', 'platform', 'testing'];

export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/e2e'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@safeguard/${l}$`, `<rootDir>/libs/${l}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.base.json' }] },
  testTimeout: 120_000,
};
