export interface RunningN8n {
	pid: number;
	baseUrl: string;
	userFolder: string;
	logFile: string;
	readyMs: number;
	stop: () => Promise<void>;
}
export const PACKAGE_NAME: string;
export function ensureHost(): string;
export function hostDir(): string;
export function installPack(userFolder: string): void;
export function startN8n(options?: {
	port?: number;
	brokerPort?: number;
	userFolder?: string;
	logFile?: string;
	extraEnv?: Record<string, string>;
}): Promise<RunningN8n>;
export function stopPid(pid: number): Promise<void>;
export function n8nCli(args: string[], options: { userFolder: string; port?: number; brokerPort?: number }): number;
export function ensureCachedInstall(options: {
	spec: string;
	prefix: string;
	label: string;
	ready?: (dir: string) => boolean;
	finish?: (work: string) => void;
}): string;
