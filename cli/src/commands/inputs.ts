/**
 * Reads workflow exports from files and folders: a single workflow, a `--separate` folder, an `--all` array or a
 * public API page. A file that cannot be used is reported by name (and line for bad JSON); the others are
 * still read. Nothing is skipped silently: every problem becomes an InputProblem.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workflowsFromJson, WorkflowShapeError } from '../check/workflow';
import type { Workflow, WorkflowSource } from '../check/workflow';
import type { InputProblem } from '../check/format/report';

export interface ReadResult {
	workflows: Workflow[];
	problems: InputProblem[];
	files: number;
}

/** JSON.parse's "position N" (Node 20) or "line L column C" (Node 22+) as a line and column. */
export function jsonErrorPlace(text: string, error: Error): string {
	const lineCol = /line (\d+) column (\d+)/.exec(error.message);
	if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
	const pos = /position (\d+)/.exec(error.message);
	const at = pos ? Number(pos[1]) : text.length;
	const before = text.slice(0, at);
	const line = before.split('\n').length;
	return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}


/** Files up to this size are read into one buffer kept for the next file; a larger one gets its own. */
const SHARED_MAX = 1 << 24;
let shared: Buffer = Buffer.allocUnsafe(1 << 16);

/** A file's bytes; the shared buffer's (valid until the next call) when the file fits it. */
function readBytes(path: string): Buffer {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		if (size === 0 || size >= SHARED_MAX) return readFileSync(fd); // size 0: a pipe or a special file, read to its end
		if (size > shared.length) shared = Buffer.allocUnsafe(Math.max(size, Math.min(SHARED_MAX, shared.length * 2)));
		// as readFileSync reads a file of known size: up to that size, or less when it ends before
		let length = 0;
		for (let got = 1; got > 0 && length < size; length += got) got = readSync(fd, shared, length, size - length, null);
		return shared.subarray(0, length);
	} finally {
		closeSync(fd);
	}
}

/**
 * Parses one file; returns its workflows and problems. `name` is how the file is shown. ASCII bytes (the usual
 * export) are read as Latin-1, the same text by a faster path; other bytes as UTF-8, checked only when the text
 * holds U+FFFD, since a bad byte decodes to it.
 */
export function parseWorkflowFile(path: string, name: string, sourceOf?: (index?: number) => WorkflowSource): { workflows: Workflow[]; problems: InputProblem[] } {
	const bytes = readBytes(path);
	const ascii = isAscii(bytes);
	let text = bytes.toString(ascii ? 'latin1' : 'utf8');
	const replaced = ascii ? -1 : text.indexOf('\ufffd');
	if (replaced >= 0 && !isUtf8(bytes)) {
		const line = text.slice(0, replaced).split('\n').length;
		return { workflows: [], problems: [{ file: name, message: `is not UTF-8 text (first bad byte on line ${line}); n8n exports are UTF-8` }] };
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') return { workflows: [], problems: [{ file: name, message: 'is empty' }] };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message.replace(/^Unexpected/, 'unexpected').replace(/ in JSON at position \d+.*$/, '');
		return { workflows: [], problems: [{ file: name, message: `is not valid JSON at ${jsonErrorPlace(text, error as Error)}: ${message}` }] };
	}
	try {
		const { workflows, problems } = workflowsFromJson(value, name, sourceOf);
		return { workflows, problems: problems.map((message) => ({ file: name, message })) };
	} catch (error) {
		if (error instanceof WorkflowShapeError) return { workflows: [], problems: [{ file: name, message: error.message }] };
		throw error;
	}
}

/** A file to read and how it is shown: its path relative to the working folder, with forward slashes. */
interface InputFile {
	path: string;
	shown: string;
}

/** `path` relative to `cwd`, with forward slashes ('' for `cwd` itself). */
const relativeShown = (cwd: string, path: string) => relative(cwd, path).split('\\').join('/');

/**
 * Every .json file under a folder, sorted, recursing into subfolders (not into node_modules or dot folders). A
 * file is shown as its folder's path relative to `cwd` plus its name (one path.relative per folder, not per file).
 */
function jsonFiles(dir: string, cwd: string): InputFile[] {
	const out: InputFile[] = [];
	const shownDir = relativeShown(cwd, dir);
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...jsonFiles(path, cwd));
		else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.endsWith('.policy.json')) out.push({ path, shown: shownDir === '' ? entry.name : `${shownDir}/${entry.name}` });
	}
	return out;
}

/**
 * A file's text, read again: it is only needed for line numbers of findings, rather than held for every file.
 * Findings are reported file by file, so one reading keeps the last text it read and no other.
 */
function textAgain(): (file: string) => string | undefined {
	let last: { file: string; text: string | undefined } | undefined;
	return (file) => {
		if (last?.file !== file) {
			let text: string | undefined;
			try {
				text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
			} catch {
				text = undefined; // gone since: findings then carry no line number
			}
			last = { file, text };
		}
		return last.text;
	};
}

const REREAD = Symbol('reread');

/** Where a workflow was read: the file as shown and its place in an array; its text is read again when asked. */
class FileSource implements WorkflowSource {
	private readonly [REREAD]: () => string | undefined;

	constructor(
		readonly file: string,
		readonly index: number | undefined,
		reread: () => string | undefined,
	) {
		this[REREAD] = reread;
	}

	/** The text it was parsed from (for line numbers of findings), read again rather than held for every file. */
	get text(): string | undefined {
		return this[REREAD]();
	}
}

/** One step of reading: a file's workflows and problems, or (first) the problems of the PATHs themselves. */
export interface FileRead {
	workflows: Workflow[];
	problems: InputProblem[];
	/** A file was read (and parsed or reported); false for the PATHs' own problems and unreadable files. */
	read: boolean;
}

/**
 * Reads PATHs (files or folders) one file at a time, so a caller can check each file and let it go before the
 * next. `onFile` is told about each file read (for a progress line).
 */
export function* readWorkflowFiles(paths: string[], onFile?: (done: number, total: number) => void, cwd = process.cwd()): Generator<FileRead> {
	const problems: InputProblem[] = [];
	const files: InputFile[] = [];
	for (const path of paths) {
		try {
			if (statSync(path).isDirectory()) {
				const found = jsonFiles(path, cwd);
				if (found.length === 0) problems.push({ file: path, message: 'is a folder with no .json files' });
				files.push(...found);
			} else files.push({ path, shown: relativeShown(cwd, path) || path });
		} catch (error) {
			problems.push({ file: path, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
		}
	}
	if (problems.length > 0) yield { workflows: [], problems, read: false };
	const textOf = textAgain();
	for (const [i, { path: file, shown }] of files.entries()) {
		let parsed: ReturnType<typeof parseWorkflowFile>;
		try {
			const reread = () => textOf(file);
			parsed = parseWorkflowFile(file, shown, (index) => new FileSource(shown, index, reread));
		} catch (error) {
			yield { workflows: [], problems: [{ file: shown, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], read: false };
			continue;
		}
		yield { workflows: parsed.workflows, problems: parsed.problems, read: true };
		onFile?.(i + 1, files.length);
	}
}

/** Reads PATHs (files or folders) into memory at once (diff and the library API; check and inventory go file by file). */
export function readWorkflowPaths(paths: string[], onFile?: (done: number, total: number) => void, cwd = process.cwd()): ReadResult {
	const result: ReadResult = { workflows: [], problems: [], files: 0 };
	for (const step of readWorkflowFiles(paths, onFile, cwd)) {
		result.workflows.push(...step.workflows);
		result.problems.push(...step.problems);
		if (step.read) result.files++;
	}
	return result;
}
