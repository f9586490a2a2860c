import { listTemplates } from '../../../scripts/lib/templates';
import { deactivateWorkflow } from '../harness/client';
import { install, MAIN_PATHS } from './drivers';

describe('templates in a real n8n', () => {
	const templates = listTemplates();

	test('when the templates folder is read then it holds the four shipped templates, each with a driver', () => {
		expect(templates.length).toBeGreaterThanOrEqual(4);
		expect(templates.map((t) => t.file).filter((f) => !MAIN_PATHS[f])).toEqual([]);
	});

	test.each(templates.map((t) => [t.file, t.workflow] as const))(
		'when %s is imported then its main path runs successfully',
		async (file, workflow) => {
			const workflowId = await install(workflow);
			try {
				await MAIN_PATHS[file](workflow, workflowId);
			} finally {
				// the compatibility smoke activates the same template (same webhook path) in the same n8n
				await deactivateWorkflow(workflowId);
			}
		},
	);
});
