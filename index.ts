// Public API of the pure engines. n8n finds the nodes and credentials through package.json, not through this file.
export * from './lib/errors/governance-error';
export * from './lib/shared/path';
export * from './lib/environment';
export * from './lib/approval';
export * from './lib/kill-switch';
export * from './lib/scoped-credentials';
export * from './lib/webhook-signature';
export * from './lib/audit';
export * from './lib/redaction';
