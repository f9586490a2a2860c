/** Line numbers for findings: where a workflow (in an array export) and its node sit in the file's text. */
import type { WorkflowRef } from '../workflow';

interface TextIndex {
	lineStarts: number[];
	/** Start and end offsets of top-level array elements (an `--all` export); empty for a single workflow. */
	elements: [number, number][];
}

const indexes = new Map<string, TextIndex>();

function scanElements(text: string): [number, number][] {
	const first = text.search(/\S/);
	if (text[first] !== '[') return [];
	const out: [number, number][] = [];
	let depth = 0;
	let inString = false;
	let start = -1;
	for (let i = first; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92) i++; // backslash escapes the next character
			else if (c === 34) inString = false;
			continue;
		}
		if (c === 34) inString = true;
		else if (c === 123 || c === 91) {
			if (depth === 1 && c === 123) start = i;
			depth++;
		} else if (c === 125 || c === 93) {
			depth--;
			if (depth === 1 && c === 125 && start >= 0) out.push([start, i + 1]);
		}
	}
	return out;
}

function indexOf(text: string): TextIndex {
	let index = indexes.get(text);
	if (!index) {
		const lineStarts = [0];
		for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
		index = { lineStarts, elements: scanElements(text) };
		if (indexes.size > 64) indexes.clear();
		indexes.set(text, index);
	}
	return index;
}

function lineAt(index: TextIndex, offset: number): number {
	let lo = 0;
	let hi = index.lineStarts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (index.lineStarts[mid] <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo + 1;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1-based line of the node's `"name": "…"` within the workflow's text, or of the workflow itself. */
export function lineOf(workflow: WorkflowRef, nodeName?: string): number | undefined {
	const text = workflow.source.text;
	if (text === undefined) return undefined;
	const index = indexOf(text);
	const [start, end] = workflow.source.index !== undefined && index.elements[workflow.source.index] ? index.elements[workflow.source.index] : [0, text.length];
	if (nodeName === undefined) return lineAt(index, start);
	const pattern = new RegExp(`"name"\\s*:\\s*${escape(JSON.stringify(nodeName))}`, 'g');
	pattern.lastIndex = start;
	const match = pattern.exec(text);
	return lineAt(index, match && match.index < end ? match.index : start);
}
