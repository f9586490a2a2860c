export * from './constant-time';
export * from './presets';
export * from './verify';
