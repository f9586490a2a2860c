/** Unit tests import the prose word lists: compile them from the devDependencies when missing (npm run build does it too). */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = () => {
	execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build-prose-data.js'), '--if-missing'], { stdio: 'inherit' });
};
