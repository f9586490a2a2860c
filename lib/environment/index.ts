export * from './profile';
export * from './assertion';
