/**
 * What a long-running caller (the language server) keeps of one ordinance
 * folder between checks, in memory: each file as last checked (its vfile,
 * its analysis, and the citations prose detection put into it). A check
 * after a keystroke parses and walks only the files whose text changed; every
 * other file's analysis is handed to the model as it stands, already split
 * around its citations, when nothing that detection read of the world has
 * changed since: the registry, the ordinance file, the group files, which
 * section files there are and in what order, and each section's number and id
 * (a reference "section 4" names a section by number). When any of those
 * changed, the files held are parsed again (from the analyses the caches
 * hold, `admit`): a file's model, once walked, is never walked again.
 *
 * Its findings are not kept: each check reports every rule afresh on the held
 * files, whose messages are first set back to those of loading and parsing.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { FileAnalysis, ParsedOrdinance } from '../analyze/build-ordinance.js';
import type { ParseFile } from '../analyze/parse-ordinance.js';
import type { OrdinanceSources } from '../model/workspace.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import type { DetectedNodes, DetectionMemo } from '../resolve/prose-citations.js';

/** One file as the last check left it. */
interface Held {
  text: VFile['value'];
  file: VFile;
  analysis: FileAnalysis;
  /** The messages parsing put on it (its own findings: front matter, annotations, nesting). */
  parsed: VFileMessage[];
  /** What detection put into its model; null until a check has walked it. */
  detected: DetectedNodes | null;
}

export class WarmFolder {
  private held = new Map<string, Held>();
  /** The files whose held analysis this check uses (not parsed again). */
  private reused = new Set<VFile>();
  /** What detection depended on in the last check besides each file's text (see `shapeOf`). */
  private shape: string | null = null;
  private registry: DirectiveRegistry | null = null;
  /** Whether this check's model may be trusted to hold the last check's detections (`admit`). */
  private trusted = false;

  /**
   * `sources` with the held vfile in place of each file whose text is
   * unchanged, its messages set back to those of loading (the new vfile's)
   * and of parsing. Nothing is held over when the registry is another.
   */
  reconcile(sources: OrdinanceSources, registry: DirectiveRegistry): OrdinanceSources {
    this.reused.clear();
    this.trusted = false;
    if (registry !== this.registry) this.clear();
    this.registry = registry;
    const swap = (file: VFile): VFile => {
      const held = this.held.get(file.path);
      if (!held || held.text !== file.value) return file;
      held.file.messages = [...file.messages, ...held.parsed];
      return held.file;
    };
    return {
      ...sources,
      ordinanceFile: sources.ordinanceFile && swap(sources.ordinanceFile),
      groupFiles: new Map([...sources.groupFiles].map(([key, file]) => [key, swap(file)])),
      sectionFiles: sources.sectionFiles.map(swap),
    };
  }

  /** `parse`, answered with the held analysis of a held file; what it parses is held for the next check. */
  parse(parse: ParseFile): ParseFile {
    return (source) => {
      const { file } = source;
      const held = this.held.get(file.path);
      if (held && held.file === file) {
        this.reused.add(file);
        return held.analysis;
      }
      const before = file.messages.length;
      const analysis = parse(source);
      this.held.set(file.path, { text: file.value, file, analysis, parsed: file.messages.slice(before), detected: null });
      return analysis;
    };
  }

  /**
   * Whether this check's files, parsed, may keep the held files' detections:
   * 'trusted' when nothing detection read besides their text changed;
   * 'fresh' when nothing held was used; 'redo' when they must be parsed again
   * from the files as loaded (a held file's analysis, split around the last
   * check's citations, was used in a shape that changed): the held analyses
   * are let go, those parsed in this check kept.
   */
  admit(parsed: ParsedOrdinance): 'trusted' | 'fresh' | 'redo' {
    const { sources } = parsed;
    const shape = shapeOf(parsed);
    const same = shape === this.shape;
    this.shape = shape;
    const structureHeld = this.reused.has(parsed.ordinanceFile.file) && [...sources.groupFiles.values()].every((file) => this.reused.has(file));
    if (same && structureHeld) {
      this.trusted = true;
      return 'trusted';
    }
    if (this.reused.size === 0) return 'fresh';
    for (const [path, held] of this.held) if (this.reused.has(held.file)) this.held.delete(path);
    this.reused.clear();
    return 'redo';
  }

  /** `memo` (the detection cache), told which files' models already hold their citations, and told what the walk finds in the others. */
  detections(memo: DetectionMemo | null): DetectionMemo {
    return {
      get: (file, key) => memo?.get(file, key) ?? null,
      set: (file, key, detections) => memo?.set(file, key, detections),
      settled: (file) => {
        if (!this.trusted || !this.reused.has(file)) return null;
        return this.held.get(file.path)?.detected ?? null;
      },
      detected: (file, nodes) => {
        const held = this.held.get(file.path);
        if (held?.file === file) held.detected = nodes;
      },
    };
  }

  /** Hold nothing over: the next check reads every file afresh. */
  clear(): void {
    this.held.clear();
    this.reused.clear();
    this.shape = null;
    this.trusted = false;
  }
}

/**
 * What prose detection read of a folder besides each file's words: its
 * jurisdiction, its groups, and each section file's place, id and number (a
 * code section's context, the target of "section 4"), and whether it is a
 * code section the ordinance quotes.
 */
function shapeOf({ ordinanceFile, sectionFiles, sources }: ParsedOrdinance): string {
  const meta = ordinanceFile.file.data.frontMatter ?? {};
  return JSON.stringify([
    meta.jurisdiction,
    meta.type,
    [...sources.groupFiles.keys()],
    sectionFiles.map(({ file, quoted }) => [file.path, file.data.frontMatter?.id, file.data.frontMatter?.number, Boolean(quoted)]),
  ]);
}
