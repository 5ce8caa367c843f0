/**
 * The caches of one ordinance's stages, declared in one place: which stage
 * each wraps, what its key is made of, and when it is used. The runner opens
 * them around the chain (runner/pipeline.ts) and saves them after it; no stage
 * knows of them, and each is a memo the stage is handed (a parse function, a
 * detection memo, a glyph table). The folder's findings (the summary cache)
 * and a build's outputs (the build cache) wrap the whole chain from outside
 * (runner/folder.ts).
 */
import type { FileAnalysis } from '../analyze/build-ordinance.js';
import { parseFile, type ParseFile } from '../analyze/parse-ordinance.js';
import { AnalysisCache } from '../cache/analysis-cache.js';
import { cached } from '../cache/cached.js';
import { DetectionCache } from '../cache/detection-cache.js';
import type { CacheLocation } from '../cache/files.js';
import type { DetectionMemo } from '../resolve/prose-citations.js';
import { jurisdictionIds, loadTemplate } from '../load/templates.js';
import type { GlyphTable } from '../validate/glyphs.js';
import type { VFile } from 'vfile';
import { glyphTableOf } from './glyph-table.js';
import { WarmFolder } from './warm.js';

/** Each memo: the stage it wraps, what keys an entry, and the runs that use it. */
export const MEMOS = {
  parse: { stage: 'parse and model, one file at a time', key: "the file's text and the schema of its front matter, and the tool", cache: 'analysis' },
  detections: { stage: 'resolve: citations written as prose', key: "the file's text and the citation forms of the registry and the jurisdiction", cache: 'detection' },
  glyphs: { stage: 'the glyph check', key: "the layout's font files (size and time of change), and the tool", cache: 'glyph' },
} as const;

/** The memos of one ordinance folder's run (nothing cached where `location` is null: a build, or caching off). */
export interface Memos {
  /** How one source file is parsed and modelled: answered from the analysis cache when unchanged. */
  parse: ParseFile;
  /** What prose-citation detection found in each unchanged file. */
  detections: DetectionMemo | null;
  /** The glyph table of a jurisdiction's fonts (null for an unknown jurisdiction: its own finding). */
  glyphs(jurisdiction: string): GlyphTable | null;
  /** Write back what the run added, forgetting entries for files that are gone. */
  save(files: readonly VFile[]): void;
  /** What is kept of the folder in memory between checks (a language server's; see runner/warm.ts), when it is. */
  warm?: WarmFolder | undefined;
}

/** Open the memos of the ordinance folder `dir`; `warm`: keep its files' models in memory between checks too (a long-running caller's). */
export function openMemos(dir: string, location: CacheLocation | null, options: { warm?: boolean } = {}): Memos {
  const analyses = AnalysisCache.open(dir, 'ordinance', location);
  const detections = DetectionCache.open(dir, location);
  // One table per jurisdiction, however many runs ask (a language server keeps its memos open).
  const tables = new Map<string, ReturnType<typeof glyphTableOf>>();
  return {
    warm: options.warm ? new WarmFolder() : undefined,
    parse: cached<Parameters<ParseFile>[0], FileAnalysis>(parseFile, analyses),
    detections,
    glyphs(jurisdiction) {
      if (!jurisdictionIds().includes(jurisdiction)) return null;
      let table = tables.get(jurisdiction);
      if (!table) {
        table = glyphTableOf(loadTemplate(jurisdiction), location);
        tables.set(jurisdiction, table);
      }
      return table.glyphs;
    },
    save(files) {
      const paths = files.map((f) => f.path);
      analyses?.save(paths);
      detections?.save(paths);
      for (const table of tables.values()) table.save();
    },
  };
}
