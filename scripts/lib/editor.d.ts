export const CHROMIUM: string;
export function chromiumAvailable(): boolean;
export function launchBrowser(): Promise<any>;
export function signIn(page: any, baseUrl: string, owner: { email: string; password: string }): Promise<void>;
export function searchNodePanel(
	page: any,
	baseUrl: string,
	term: string,
): Promise<Array<{ name: string; iconSrc: string | null; iconLoaded: boolean }>>;
