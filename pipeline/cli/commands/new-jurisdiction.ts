/**
 * `ordinance new jurisdiction <id> [--name <name>] [--from <id>]`: scaffold
 * templates/jurisdictions/<id>.json from the documented starting point
 * (templates/starting-points/jurisdiction.json) or from a shipped
 * jurisdiction, checked against the schema before it is written, and never
 * over an existing template.
 */
import { existsSync, readFileSync, rmSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../report/failure.js';
import { writeAtomically } from '../../outputs/dist.js';
import { jurisdictionIds, loadTemplate, TEMPLATES_DIR } from '../../load/templates.js';
import { MAX_SLUG_LENGTH } from '../../model/limits.js';
import { expectedOneOf } from '../../text/did-you-mean.js';

const USAGE = `Usage: ordinance new jurisdiction <id> [--name <name>] [--from <jurisdiction-id>]

Write templates/jurisdictions/<id>.json: the wording, numbers, roles, title
block and rules of a council's documents. It starts from the documented
starting point (every fact to fill in marked [TBD: …]), or from a shipped
jurisdiction with --from. An existing template is never overwritten.

Options:
  --name <name>        the jurisdiction's name ("City of Springfield")
  --from <id>          start from this jurisdiction's template (its citation
                       grammar, amendment grammar and code settings left out)
  --templates <dir>    the templates folder (default: the project's)
  --help               show this help

The drafters' guide, chapter 9 (docs/guide/09-jurisdictions.md, "Adding a
jurisdiction"), describes every key.
`;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function runNewJurisdiction(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [id, ...extra] = positionals;
  if (!id || extra.length) throw new UsageError(`expected one jurisdiction id\n${USAGE}`);
  if (id.length > MAX_SLUG_LENGTH)
    throw new UsageError(
      `unexpected jurisdiction id of ${id.length} characters, expected at most ${MAX_SLUG_LENGTH}: it names the template's file (templates/jurisdictions/<id>.json)`,
    );
  if (!ID.test(id)) throw new UsageError(`unexpected jurisdiction id \`${id}\`, expected a kebab-case id (lowercase letters, digits and hyphens), such as \`springfield\``);
  const dir = path.resolve(values.templates ?? TEMPLATES_DIR);
  if (values.templates !== undefined) checkTemplatesFolder(values.templates, values.from === undefined);
  const target = path.join(dir, 'jurisdictions', `${id}.json`);
  if (existsSync(target)) throw new UsageError(`${path.relative(process.cwd(), target)} already exists, expected a new jurisdiction id (a template is never overwritten)`);
  const known = jurisdictionIds(dir);
  if (values.from !== undefined && !known.includes(values.from)) {
    throw new UsageError(`unknown jurisdiction \`${values.from}\` for --from, expected ${expectedOneOf(values.from, known)}`);
  }
  const source = values.from ? path.join(dir, 'jurisdictions', `${values.from}.json`) : path.join(dir, 'starting-points', 'jurisdiction.json');
  const template = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  template.id = id;
  if (values.name !== undefined) template.name = values.name;
  if (values.from) {
    // What belongs to the other council's law, not its form: a new jurisdiction writes its own.
    delete template.citations;
    delete template.amendments;
    delete template.documents;
    delete template.codeName;
    template.$comment =
      `${String(template.$comment ?? '')} Started from \`${values.from}\` by \`ordinance new jurisdiction\`: change every fact that is not ${String(template.name)}'s.`.trim();
  }
  await writeAtomically(path.dirname(target), path.basename(target), `${JSON.stringify(template, null, 2)}\n`);
  try {
    // Checked as every template is: one that does not load is reported at its place (exit 2), and not left behind.
    loadTemplate(id, dir);
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), target)}\nNext: fill in each [TBD: …], set \`jurisdiction: ${id}\` in an ordinance's front matter, and run \`ordinance check\`.\n`,
  );
  return 0;
}

/**
 * A --templates folder that can be scaffolded in: a folder, with
 * jurisdictions/ and (without --from) the starting point, else a usage
 * error that says what is missing.
 */
function checkTemplatesFolder(given: string, needsStartingPoint: boolean): void {
  const expected = 'expected the templates folder (holding jurisdictions/ and starting-points/jurisdiction.json)';
  const stat = statOf(given);
  if (!stat) throw new UsageError(`--templates \`${given}\` does not exist, ${expected}`);
  if (!stat.isDirectory()) throw new UsageError(`--templates \`${given}\` is not a folder, ${expected}`);
  if (!statOf(path.join(given, 'jurisdictions'))?.isDirectory()) throw new UsageError(`--templates \`${given}\` has no jurisdictions/ folder, ${expected}`);
  const startingPoint = path.join(given, 'starting-points', 'jurisdiction.json');
  if (needsStartingPoint && !statOf(startingPoint)?.isFile())
    throw new UsageError(
      `--templates \`${given}\` has no ${path.join('starting-points', 'jurisdiction.json')}, ${expected}; or start from a jurisdiction it holds with --from <id>`,
    );
}

/** What is at `file`; undefined when nothing can be (missing, a name too long, a file on the way). */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      from: { type: 'string' },
      templates: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}
