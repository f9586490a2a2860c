export interface TemplateWorkflow {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, any>; credentials?: Record<string, { id: string; name: string }>; webhookId?: string }>;
	connections: Record<string, any>;
	settings?: Record<string, unknown>;
}
export const TEMPLATES: string;
export function listTemplates(): Array<{ file: string; workflow: TemplateWorkflow }>;
export function credentialTypes(workflow: TemplateWorkflow): string[];
export function bindCredentials(workflow: TemplateWorkflow, byType: Record<string, { id: string; name: string }>): TemplateWorkflow;
export function forApi(workflow: TemplateWorkflow): { name: string; nodes: any[]; connections: any; settings: Record<string, unknown> };
