/**
 * The whole pipeline in one chain: load, parse, model, resolve, validate,
 * render, summarize, publish. Each stage is a module with typed input and
 * output; options switch the output stages on and off.
 */
import type { VFile } from 'vfile';
import { hasErrors } from './diagnostics.js';
import { loadOrdinanceSources, loadRegistrySources, type OrdinanceSources, type Workspace } from './load/sources.js';
import { buildOrdinance } from './model/build-ordinance.js';
import { groupSchema, ordinanceSchema, sectionSchema } from './model/metadata.js';
import type { Ordinance } from './model/types.js';
import { parseSource, type ParsedFile } from './parse/processor.js';
import { provenanceOf } from './provenance.js';
import { publishOutputs, retractOutputs } from './publish/dist.js';
import { DirectiveRegistry } from './registry/registry.js';
import { jurisdictionIds, loadTemplate } from './render/template.js';
import { resolveReferences } from './resolve/resolve.js';
import { validateOrdinance, type RuleSeverities } from './validate/engine.js';

export interface PipelineOptions {
  /** Render, summarize and publish (build); otherwise check only. */
  build: boolean;
  /** Where outputs go (dist/). */
  outDir: string;
  severities?: RuleSeverities;
}

export interface OrdinanceResult {
  slug: string;
  dir: string;
  /** Every source file read, with its messages. */
  files: VFile[];
  ordinance: Ordinance | null;
  /** Paths written to outDir. */
  outputs: string[];
}

/** Run the pipeline on one ordinance folder against `registry`. */
export async function compileOrdinance(sources: OrdinanceSources, registry: DirectiveRegistry, options: PipelineOptions): Promise<OrdinanceResult> {
  const files = [sources.folder, ...(sources.ordinanceFile ? [sources.ordinanceFile] : []), ...sources.groupFiles.values(), ...sources.sectionFiles];
  const result: OrdinanceResult = { slug: sources.slug, dir: sources.dir, files, ordinance: null, outputs: [] };
  if (sources.ordinanceFile && sources.sectionFiles.length > 0) {
    // A file that could not be decoded stays in the ordinance (so numbering holds) with nothing in it.
    const parse = (file: VFile, schema: typeof sectionSchema, what: string): ParsedFile =>
      file.messages.some((m) => m.ruleId === 'source-encoding') ? { tree: { type: 'root', children: [] }, file } : parseSource(file, schema, what);
    const ordinanceFile = parse(sources.ordinanceFile, ordinanceSchema, 'ordinance front matter');
    const sectionFiles = sources.sectionFiles.map((file) => parse(file, sectionSchema, 'section front matter'));
    const groupFiles = new Map([...sources.groupFiles].map(([key, file]) => [key, parse(file, groupSchema, 'group front matter')]));
    const ordinance = buildOrdinance(sources.slug, sources.dir, ordinanceFile, sectionFiles, groupFiles);
    if (ordinance) {
      resolveReferences(ordinance, registry);
      validateOrdinance({ ordinance, registry, jurisdictions: jurisdictionIds() }, options.severities);
    }
    result.ordinance = ordinance;
  }
  if (!options.build) return result;
  if (!result.ordinance || hasErrors(files)) {
    await retractOutputs(options.outDir, sources.slug);
    return result;
  }
  const ordinance = result.ordinance;
  const template = loadTemplate(ordinance.meta.jurisdiction);
  const provenance = provenanceOf([...files.filter((f) => f !== sources.folder), ...registry.files].map((f) => f.path));
  // Loaded on demand: pdfkit and its fonts are most of start-up time, and `check` never draws.
  const [{ renderOrdinancePdf }, { summarizeOrdinance }] = await Promise.all([import('./render/pdf/document.js'), import('./summarize/summary.js')]);
  const pdf = await renderOrdinancePdf(ordinance, template, provenance);
  const summary = summarizeOrdinance(ordinance, registry);
  result.outputs = await publishOutputs(options.outDir, sources.slug, { [`${sources.slug}.pdf`]: pdf, 'summary.md': summary });
  return result;
}

export interface WorkspaceResult {
  registry: DirectiveRegistry;
  ordinances: OrdinanceResult[];
}

/** Run the pipeline on every ordinance of a workspace; one broken ordinance never stops the others. */
export async function compileWorkspace(workspace: Workspace, options: PipelineOptions): Promise<WorkspaceResult> {
  const registry = DirectiveRegistry.fromFiles(workspace.registryDir, loadRegistrySources(workspace.registryDir));
  const ordinances: OrdinanceResult[] = [];
  for (const dir of workspace.ordinances) {
    ordinances.push(await compileOrdinance(loadOrdinanceSources(dir), registry, options));
  }
  return { registry, ordinances };
}

/** All vfiles of a run (registry and ordinances), for reporting. */
export function filesOf(results: WorkspaceResult[]): VFile[] {
  return results.flatMap((r) => [...r.registry.files, ...r.ordinances.flatMap((o) => o.files)]);
}

