export * from './host-pattern';
export * from './request-target';
export * from './policy';
export * from './attach';
export * from './transport';
