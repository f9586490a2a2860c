/** The owner account the harness creates on its throw-away instance. */
export const OWNER = {
	email: 'owner@governance.test',
	firstName: 'Olivia',
	lastName: 'Owner',
	password: 'Governance-Test-1',
};
