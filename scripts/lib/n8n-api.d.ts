export interface ApiResult {
	status: number;
	json: any;
	text: string;
	headers: Headers;
}
export function request(
	baseUrl: string,
	method: string,
	route: string,
	options?: { body?: unknown; cookie?: string; apiKey?: string },
): Promise<ApiResult>;
export function expectOk(result: ApiResult, what: string): ApiResult;
export function ensureOwner(
	baseUrl: string,
	owner: { email: string; firstName: string; lastName: string; password: string },
): Promise<string>;
export function createApiKey(baseUrl: string, cookie: string, label?: string): Promise<string>;
