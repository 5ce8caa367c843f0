/** `ordinance xref <directive-id> [paths...]`: which ordinances cite or codify a registered directive, and where. */
import { discoverWorkspaces } from '../../load/sources.js';
import { UsageError } from '../../report/failure.js';
import { compileWorkspace } from '../../runner/run.js';
import { COMMON_USAGE, parseCommand } from '../options.js';

const USAGE = `Usage: ordinance xref <directive-id> [paths...]

Which ordinances cite, codify, amend, supersede or repeal a directive of the
registry, and in which sections: one line each, ordinance, relation and
sections, tab-separated (default path: ordinance/).

Options:
${COMMON_USAGE}
`;

/** Run `ordinance xref`; returns the exit code. */
export async function runXref(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'xref', usage: USAGE, options: {}, positionals: true }, argv);
  if (!parsed) return 0;
  const [directiveId, ...paths] = parsed.positionals;
  if (!directiveId) throw new UsageError('usage: ordinance xref <directive-id> [paths...]');
  const { backReferences } = await import('../../xref/xref.js');
  const lines: string[] = [];
  let known = false;
  for (const workspace of discoverWorkspaces(paths.length ? paths : ['ordinance'])) {
    const result = await compileWorkspace(workspace, { build: false, outDir: 'dist', cache: false });
    if (result.registry?.get(directiveId)) known = true;
    else if (result.registry) {
      const candidates = result.registry.candidates(directiveId);
      if (!known && candidates.length) lines.push(`# not registered here; did you mean ${candidates.join(', ')}?`);
    }
    const resolved = result.ordinances.flatMap((o) => (o.ordinance && o.xref ? [{ ordinance: o.ordinance, xref: o.xref }] : []));
    for (const ref of backReferences(resolved, directiveId)) lines.push(`${ref.ordinance}\t${ref.relation}\t${ref.sections.join(', ') || '(metadata only)'}`);
  }
  if (!known) throw new UsageError(`unknown directive \`${directiveId}\`${lines.length ? `\n${lines.join('\n')}` : ''}`);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
