/**
 * `ordinance new <slug> [--jurisdiction id]`: a new draft ordinance folder
 * from the jurisdiction's skeleton in templates/skeletons/ (else the
 * default one), which checks clean apart from its placeholders.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../report/failure.js';
import { writeAtomically } from '../../outputs/dist.js';
import { jurisdictionIds, TEMPLATES_DIR } from '../../load/templates.js';
import { MAX_SLUG_LENGTH } from '../../model/limits.js';
import { BUILD_INDEX, REGISTRY_FOLDER } from '../../model/workspace.js';
import { SITE_DIR } from '../../site/site.js';
import { COMMON_USAGE, parseCommand } from '../options.js';

const USAGE = `Usage: ordinance new [<folder>/]<slug> [--jurisdiction <id>]

Start a new draft ordinance in <folder>/<slug>/ (default folder: ordinance/)
from the jurisdiction's skeleton: its metadata and the usual sections, with
a placeholder for each fact still to be written. It checks clean apart from
those placeholders (warnings while it is a draft).

Options:
  --jurisdiction <id>  the jurisdiction whose template it follows (default: the
                       one the other ordinances of the folder follow)
${COMMON_USAGE}
`;

const NEW_OPTIONS = {
  jurisdiction: { type: 'string' },
} as const;

/** A slug: lower-case words and digits joined by hyphens, as folder names and dist/<slug>/ use it. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Names an ordinance's folder cannot have: a build writes `dist/<slug>/`
 * beside the other names it writes at the top of the output folder, and a
 * workspace's registry sits beside its ordinances.
 */
const TAKEN_NAMES: Record<string, string> = {
  [SITE_DIR]: `\`${SITE_DIR}/\` is the folder \`ordinance publish\` writes the site to in the output folder (dist/${SITE_DIR}/), where this ordinance's outputs would go`,
  [BUILD_INDEX]: `\`${BUILD_INDEX}\` is the index every build writes at the top of the output folder (dist/${BUILD_INDEX})`,
  [REGISTRY_FOLDER]: `\`${REGISTRY_FOLDER}/\` is the registry of prior directives beside the ordinance folders`,
};

/** Run `ordinance new`; returns the exit code. */
export async function runNew(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'new', usage: USAGE, options: NEW_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) throw new UsageError('usage: ordinance new [<folder>/]<slug> [--jurisdiction <id>]');
  const slug = path.basename(target);
  const taken = TAKEN_NAMES[slug];
  if (taken) throw new UsageError(`unexpected slug \`${slug}\`: ${taken}; choose another name (nothing was written)`);
  if (slug.length > MAX_SLUG_LENGTH)
    throw new UsageError(`unexpected slug of ${slug.length} characters, expected at most ${MAX_SLUG_LENGTH}: it names the ordinance's folder and its output files`);
  if (!SLUG.test(slug)) throw new UsageError(`unexpected slug \`${slug}\`, expected lower-case words and digits joined by hyphens (\`stop-records-2025\`)`);
  const folder = path.dirname(target) === '.' && !target.startsWith('.') ? 'ordinance' : path.dirname(target);
  const dir = path.join(folder, slug);
  if (existsSync(dir)) throw new UsageError(`\`${dir}\` already exists, expected a new folder (nothing was written)`);
  const jurisdiction = parsed.values.jurisdiction ?? jurisdictionOfFolder(folder);
  const known = jurisdictionIds();
  if (!known.includes(jurisdiction)) throw new UsageError(`unknown jurisdiction \`${jurisdiction}\`, expected one of ${known.join(', ')}`);
  const skeleton = path.join(TEMPLATES_DIR, 'skeletons', existsSync(path.join(TEMPLATES_DIR, 'skeletons', jurisdiction)) ? jurisdiction : 'default');
  // Written whole into a hidden folder beside it, then renamed into place: a failure part way leaves no half-made ordinance.
  const staging = path.join(folder, `.${slug}.new-${process.pid}`);
  const written: string[] = [];
  try {
    for (const name of readdirSync(skeleton).sort()) {
      const text = readFileSync(path.join(skeleton, name), 'utf8').replaceAll('{{jurisdiction}}', jurisdiction).replaceAll('{{slug}}', slug);
      written.push(await writeAtomically(folder, `${path.basename(staging)}/${name}`, text));
    }
    renameSync(staging, dir);
  } catch (error) {
    try {
      rmSync(staging, { recursive: true, force: true });
    } catch {
      // A folder that could not be named was never made.
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`\`${dir}\` was made by another process meanwhile, expected a new folder (nothing was written)`);
    // The file a drafter would look for is the ordinance's own, not its staging copy's.
    if (error instanceof Error) error.message = error.message.replaceAll(staging, dir);
    throw error;
  }
  process.stderr.write(`created ${dir}/ (${jurisdiction}, ${written.length} files); fill in its placeholders: ordinance check ${dir}\n`);
  return 0;
}

/** The jurisdiction every ordinance of `folder` follows; a usage error when they differ or there are none. */
function jurisdictionOfFolder(folder: string): string {
  const found = new Set<string>();
  for (const entry of existsSync(folder) ? readdirSync(folder, { withFileTypes: true }) : []) {
    const metadata = path.join(folder, entry.name, 'ordinance.md');
    if (!entry.isDirectory() || !existsSync(metadata)) continue;
    const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?$/m.exec(readFileSync(metadata, 'utf8'));
    try {
      const jurisdiction = (parseYaml(frontMatter?.[1] ?? '') as { jurisdiction?: unknown } | null)?.jurisdiction;
      if (typeof jurisdiction === 'string') found.add(jurisdiction);
    } catch {
      // An ordinance whose front matter does not read says nothing about the folder; check reports it.
    }
  }
  if (found.size === 1) return [...found][0]!;
  throw new UsageError(
    `${found.size ? `the ordinances of \`${folder}\` follow ${inWords([...found].sort())}` : `no ordinance in \`${folder}\` names its jurisdiction`}: name it with --jurisdiction <id>, one of ${jurisdictionIds().join(', ')}`,
  );
}

/** "a", "a and b", "a, b and c". */
function inWords(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
