const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);

/** Copies svg/png icons and other assets next to the compiled nodes and credentials in dist/. */
function copyIcons() {
	const copies = [
		['nodes', 'dist/nodes'],
		['credentials', 'dist/credentials'],
		['icons', 'dist/icons'],
	].map(
		([from, to]) =>
			new Promise((resolve, reject) => {
				src(path.resolve(from, '**', '*.{png,svg}'), { encoding: false, allowEmpty: true })
					.pipe(dest(path.resolve(to)))
					.on('finish', resolve)
					.on('error', reject);
			}),
	);
	return Promise.all(copies);
}
