export * from './approval-request';
export * from './link';
export * from './link-preview';
export * from './totp';
export * from './decision';
export * from './page';
export * from './notification';
export * from './quorum';
