import { placeOf } from '../parse/front-matter.js';
/**
 * The registry of prior directives: executive directives, special orders,
 * statutes, earlier ordinances and code sections that ordinances cite. One
 * Markdown file each in `ordinance/directives/`, front matter per
 * directiveSchema, body the directive's text or digest.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import type { DirectiveMeta } from '../model/metadata.js';
import type { Directive } from '../model/types.js';
import { directiveSchema } from '../model/metadata.js';
import { withinLimits } from '../parse/depth-limits.js';
import { parseFrontMatterOnly, parseSource } from '../parse/processor.js';
import type { FileAnalysis } from '../analyze/build-ordinance.js';
import type { SourceFile } from '../analyze/parse-ordinance.js';
import { closest, editDistance } from '../text/did-you-mean.js';

export class DirectiveRegistry {
  private readonly byId = new Map<string, Directive>();
  /** The sets noting every id looked up (see `noteLookups`). */
  private readonly noting = new Set<Set<string>>();
  /** Registry files that exist but could not be used (their errors are on them), by file stem. */
  readonly unusable = new Map<string, VFile>();

  constructor(
    readonly dir: string,
    /** Every registry file, including those with errors, for reporting. */
    readonly files: VFile[],
  ) {}

  /**
   * Parse and check registry files; entries with errors are left out (their
   * errors are on their files). How one file is parsed is a parameter, so the
   * runner can answer unchanged entries from its cache.
   */
  static fromFiles(dir: string, files: VFile[], analyze: (source: SourceFile) => FileAnalysis = analyzeDirective): DirectiveRegistry {
    const registry = new DirectiveRegistry(dir, files);
    for (const file of files) {
      const stem = path.basename(file.path, '.md');
      if (file.messages.some((m) => m.fatal) || !withinLimits(file)) {
        registry.unusable.set(stem, file);
        continue;
      }
      const analysis = analyze(directiveSource(file));
      if (!file.data.frontMatterValid) {
        registry.unusable.set(stem, file);
        continue;
      }
      const meta = file.data.frontMatter as unknown as DirectiveMeta; // passed directiveSchema whole
      if (meta.id !== stem) {
        registry.unusable.set(stem, file);
        report(file, 'registry-id', `Unexpected id \`${meta.id}\` in \`${path.basename(file.path)}\`, expected the file name: \`${stem}\``, {
          place: placeOf(file, 'id'),
        });
        continue;
      }
      registry.byId.set(meta.id, { meta, digest: analysis.body ?? '', file });
    }
    for (const directive of registry.byId.values()) registry.checkRelations(directive);
    return registry;
  }

  get(id: string): Directive | undefined {
    for (const lookups of this.noting) lookups.add(id);
    return this.byId.get(id);
  }

  /**
   * Note every id looked up from now until `stopNoting`: what an ordinance
   * read of the registry, so that a build of it depends on exactly those
   * entries (an id that is not registered is noted too: registering it
   * changes what the ordinance resolves).
   */
  noteLookups(): Set<string> {
    const lookups = new Set<string>();
    this.noting.add(lookups);
    return lookups;
  }

  stopNoting(lookups: Set<string>): void {
    this.noting.delete(lookups);
  }

  all(): Directive[] {
    return [...this.byId.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  }

  get size(): number {
    return this.byId.size;
  }

  /** Registered ids nearest to `id` (by id and by citation form), best first. */
  candidates(id: string, limit = 3): string[] {
    // Edit distance, less a bonus for each word shared ("lapd-so-40" is near "lapd-special-order-40").
    const words = new Set(
      id
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    );
    const scored = this.all().map((d) => {
      const forms = [d.meta.id, ...d.meta['cited-as'].map((f) => f.toLowerCase())];
      const shared = [...new Set(d.meta.id.split('-'))].filter((w) => words.has(w)).length;
      return { id: d.meta.id, score: Math.min(...forms.map((f) => editDistance(id.toLowerCase(), f))) - 3 * shared };
    });
    const best = closest(id, this.byId.keys());
    return scored
      .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
      .filter((s, i) => s.id === best || s.score <= Math.max(3, id.length / 2) || i === 0)
      .slice(0, limit)
      .map((s) => s.id);
  }

  /** Relations must point at registered entries. */
  private checkRelations(directive: Directive): void {
    for (const [relation, targets] of Object.entries(directive.meta.relations ?? {})) {
      targets?.forEach((target, index) => {
        if (this.byId.has(target)) return;
        const suggestions = this.candidates(target);
        report(
          directive.file,
          'registry-relation',
          `Unexpected \`${relation}\` target \`${target}\`, expected a registered directive id${suggestions.length ? ` (did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?)` : ''}`,
          { place: placeOf(directive.file, `relations.${relation}.${index}`) },
        );
      });
    }
  }
}

/** A registry file, to be read as a directive's front matter and its body. */
export function directiveSource(file: VFile): SourceFile {
  return { file, schema: directiveSchema, what: 'directive front matter' };
}

/** Parse a registry entry: its front matter (checked against the directive schema) and its body as Markdown text. */
export function analyzeDirective({ file, schema, what }: SourceFile): FileAnalysis {
  // Most entries are front matter and a sentence or two: their bodies need no Markdown parse.
  const plain = parseFrontMatterOnly(file, schema, what);
  if (plain) return { file, blocks: [], annotations: [], terms: [], citations: [], references: [], body: plain.body };
  const { tree } = parseSource(file, schema, what);
  const bodyStart = tree.children[0]?.position?.start.offset ?? String(file.value).length;
  return { file, blocks: [], annotations: [], terms: [], citations: [], references: [], body: String(file.value).slice(bodyStart).trim() };
}
