/**
 * The progress line shown while a large input is read (cli-progress): on standard error, only when it is a
 * terminal and only for more than PROGRESS_MIN_FILES files. Never on standard output, so it never reaches a
 * report (text, JSON, SARIF …) or a file written with --output.
 */
import { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Io } from './common';

/** Up to this many files are read too fast to need a progress line. */
export const PROGRESS_MIN_FILES = 50;

export interface FileProgress {
	/** Told after each file: `done` of `total` read. */
	onFile: (done: number, total: number) => void;
	/** Ends the line (also when reading stopped early); idempotent. */
	stop: () => void;
}

/** A stream over io.err that the bar can draw on (it asks for isTTY and columns). */
function terminalOf(io: Io): Writable & { isTTY: boolean; columns?: number } {
	const stream = new Writable({
		decodeStrings: false,
		write(chunk: string | Buffer, _encoding, done) {
			io.err(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
			done();
		},
	});
	return Object.assign(stream, { isTTY: true, columns: io.columns });
}

/** The progress line for reading files, or undefined when standard error is not a terminal. */
export function fileProgress(io: Io): FileProgress | undefined {
	if (io.isTTY !== true) return undefined;
	let bar: SingleBar | undefined;
	const stop = () => {
		bar?.stop();
		bar = undefined;
	};
	const onFile = (done: number, total: number) => {
		if (total <= PROGRESS_MIN_FILES) return;
		if (bar === undefined) {
			bar = new SingleBar({
				stream: terminalOf(io),
				format: 'reading [{bar}] {value}/{total} files',
				barCompleteChar: '=',
				barIncompleteChar: ' ',
				barsize: 30,
				hideCursor: false,
				clearOnComplete: false,
			});
			bar.start(total, 0);
		}
		bar.update(done);
		if (done === total) stop();
	};
	return { onFile, stop };
}
