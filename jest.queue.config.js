/**
 * The queue-mode suite (`npm run test:queue`): one n8n cluster (main, two workers, a webhook processor, Redis,
 * PostgreSQL) on loopback for all files, started by test/queue/harness/global-setup.ts.
 * NGOV_QUEUE_LOAD_RUNS sets the load test's size (300 by default; `npm run bench:queue` runs 2,000).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

module.exports = {
	displayName: 'queue',
	testEnvironment: 'node',
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/cli/dist/'],
	transform: { '^.+\\.ts$': tsJest },
	testMatch: ['<rootDir>/test/queue/**/*.queue.test.ts'],
	globalSetup: '<rootDir>/test/queue/harness/global-setup.ts',
	globalTeardown: '<rootDir>/test/queue/harness/global-teardown.ts',
	setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/setup.ts'],
};
