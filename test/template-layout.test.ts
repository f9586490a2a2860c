import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a user sees on importing a template: its "Read me" sticky note must not cover a node (n8n
 * draws a node as a 100 × 100 box from its position; a sticky note as width × height, 240 × 160 by
 * default). A note that grew with its text was seen hiding half of a template's nodes.
 */
const DIR = join(__dirname, '..', 'templates');
const NODE = 100;

interface Node {
	name: string;
	type: string;
	position: [number, number];
	parameters?: { width?: number; height?: number };
}

const templates = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('template layout', () => {
	test.each(templates)('when %s is imported then no sticky note covers a node', (file) => {
		const { nodes } = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { nodes: Node[] };
		const notes = nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		const covered = notes.flatMap((note) => {
			const [x, y] = note.position;
			const w = note.parameters?.width ?? 240;
			const h = note.parameters?.height ?? 160;
			return nodes
				.filter((n) => n !== note && n.type !== 'n8n-nodes-base.stickyNote')
				.filter(({ position: [a, b] }) => a < x + w && a + NODE > x && b < y + h && b + NODE > y)
				.map((n) => `${note.name} covers ${n.name}`);
		});
		expect(notes.length).toBeGreaterThan(0);
		expect(covered).toEqual([]);
	});
});
