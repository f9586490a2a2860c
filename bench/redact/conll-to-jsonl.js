#!/usr/bin/env node
'use strict';
/**
 * Converts a CoNLL file with IO or BIO tags (one `token tag` per line, a blank line between sentences,
 * `-DOCSTART-` lines skipped) into the {text, spans} lines the accuracy bench reads, e.g. WikiGold for
 * NER_WIKIGOLD_PATH:
 *   node bench/redact/conll-to-jsonl.js wikigold.conll.txt > wikigold.jsonl
 * Tokens are joined with light detokenisation (no space before closing punctuation, `'s`, `n't`; none after an
 * opening bracket). PER, LOC and ORG become PERSON, LOCATION and ORGANIZATION; other tags are left out.
 */
const fs = require('node:fs');

const ENTITY = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };
const GLUED = /^(?:[.,;:!?)\]%']|'s|n't)$/;

function sentence(tokens) {
	let text = '';
	const spans = [];
	let open;
	for (const [token, tag] of tokens) {
		const space = text !== '' && !GLUED.test(token) && !/[([]$/.test(text);
		const start = text.length + (space ? 1 : 0);
		text += (space ? ' ' : '') + token;
		const entity = /^[BI]-/.test(tag) ? ENTITY[tag.slice(2)] : undefined;
		if (entity && open && open.entity === entity && !tag.startsWith('B-')) open.end = text.length;
		else {
			if (open) spans.push(open);
			open = entity ? { entity, start, end: text.length } : undefined;
		}
	}
	if (open) spans.push(open);
	return { text, spans };
}

const lines = fs.readFileSync(process.argv[2], 'utf8').split(/\r?\n/);
let tokens = [];
const out = [];
for (const line of [...lines, '']) {
	if (line.trim() === '') {
		if (tokens.length > 0) out.push(JSON.stringify(sentence(tokens)));
		tokens = [];
		continue;
	}
	const cut = line.lastIndexOf(' ');
	const token = line.slice(0, cut);
	if (token !== '-DOCSTART-') tokens.push([token, line.slice(cut + 1)]);
}
process.stdout.write(`${out.join('\n')}\n`);
