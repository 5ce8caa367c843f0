/**
 * `ordinance lsp`: the language server. Over the Language Server Protocol
 * (stdio), on vscode-languageserver: the findings of `ordinance check` as
 * the drafter types (for the folder of the document changed, and for every
 * folder a registry entry's edit may change), hover over citations and
 * references, go to definition, find references, the outline of a section,
 * and completion of directive ids, section ids and front-matter values. Each
 * request is answered from the last check of its folder; a check runs a
 * short while after the last keystroke, one at a time. Bad input is a
 * finding, never the end of the server.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  ErrorCodes,
  ResponseError,
  type DocumentSymbol,
  type Location,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { completionChoices, completionNeed, frontMatterKeys, inFrontMatter } from '../editor/completion.js';
import { FRONT_MATTER_SCHEMAS } from '../model/metadata.js';
import { CODE_FILE, GROUP_FILE, ORDINANCE_FILE, REGISTRY_FOLDER } from '../model/workspace.js';
import { subdivisionPaths } from '../resolve/resolve.js';
import { registryScaffold, replacementEdit, suppressionEdits, type TextEdit } from '../editor/fixes.js';
import { renamedSection, renameEdits } from '../editor/rename.js';
import { findingHover, hoverAt } from '../editor/hover.js';
import { definitionAt, referencesTo, referentAt } from '../editor/navigation.js';
import type { EditorLocation } from '../editor/places.js';
import { type OutlineSymbol, outlineOf } from '../editor/symbols.js';
import { TEMPLATES_DIR } from '../load/templates.js';
import { docsPage, type Diagnostic, type Replacement } from '../report/diagnostics.js';
import { rules } from '../validate/rules/index.js';
import { EditorSession, type FolderCheck, registryOf } from './session.js';

/** How long after a keystroke its folder is checked: keystrokes closer than this are checked once. */
const SETTLE_MS = 25;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const RULE_IDS = new Set(rules.map((rule) => rule.id));
const DOCS_ROOT = path.resolve(TEMPLATES_DIR, '..');

/** The docs page of a finding's rule or check, its Markdown and its link, read once; undefined where there is none. */
const pages = new Map<string, { markdown: string; link: string } | undefined>();
function docsOf(finding: Diagnostic): { markdown: string; link: string } | undefined {
  if (!pages.has(finding.ruleId)) {
    const file = path.join(DOCS_ROOT, docsPage(finding.ruleId, RULE_IDS.has(finding.ruleId)));
    pages.set(finding.ruleId, existsSync(file) ? { markdown: readFileSync(file, 'utf8'), link: pathToFileURL(file).href } : undefined);
  }
  return pages.get(finding.ruleId);
}

/** A finding as the protocol carries it: the same position, severity, rule id and law path as `ordinance check` prints, and its rule's docs page. */
export function lspDiagnostic(d: Diagnostic): LspDiagnostic {
  const start = { line: d.line - 1, character: d.column - 1 };
  const end = d.endLine !== undefined && d.endColumn !== undefined ? { line: d.endLine - 1, character: d.endColumn - 1 } : start;
  return {
    range: { start, end },
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: pathToFileURL(path.join(DOCS_ROOT, docsPage(d.ruleId, RULE_IDS.has(d.ruleId)))).href },
    source: 'ordinance',
    message: `${d.where ? `${d.where}: ` : ''}${d.message}${d.related ? ` (${d.related})` : ''}`,
    // What its quick fixes need: the words to replace and the choices (editor/fixes.ts).
    ...(d.fix ? { data: d.fix } : {}),
  };
}

/**
 * The quick fixes of one finding in `text`: each choice its fix offers, the
 * only one preferred (what `check --fix` writes); then, for a rule's finding,
 * its suppression on the line and in the file, the reason for the drafter to
 * write.
 */
export function quickFixes(uri: string, text: string, diagnostic: LspDiagnostic): CodeAction[] {
  // What a client sends back is checked: a finding without its place gets no fix.
  if (!diagnostic.range?.start || !diagnostic.range.end) return [];
  return [...replacementFixes(uri, text, diagnostic), ...registerFixes(text, diagnostic), ...suppressionFixes(uri, text, diagnostic)];
}

/** A directive cited but not registered: its registry entry made, where the finding says to make it, for the drafter to complete. */
function registerFixes(text: string, diagnostic: LspDiagnostic): CodeAction[] {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  const entry = diagnostic.code === 'citation-resolves' ? /register it as `([^`]+\.md)`/.exec(message)?.[1] : undefined;
  if (!entry) return [];
  const id = path.basename(entry, '.md');
  // The citation's words, as written between its brackets: the entry's first citation form.
  const { start, end } = diagnostic.range;
  const lines = text.split('\n');
  const written = start.line === end.line ? (lines[start.line] ?? '').slice(start.character, end.character) : '';
  const words = /^:cite\[([^\]]*)\]/.exec(written)?.[1] ?? '';
  const file = pathToFileURL(path.resolve(entry)).href;
  return [
    {
      title: `Register \`${id}\` as \`${entry}\` (then write its title, kind and what it does)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        documentChanges: [
          { kind: 'create', uri: file, options: { ignoreIfExists: true } },
          {
            textDocument: { uri: file, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: registryScaffold(id, words) }],
          },
        ],
      },
    },
  ];
}

/** A rule's finding suppressed on its line (where a comment may stand above it) or in its file, `-- ` left for the reason. */
function suppressionFixes(uri: string, text: string, diagnostic: LspDiagnostic): CodeAction[] {
  const ruleId = typeof diagnostic.code === 'string' && RULE_IDS.has(diagnostic.code) ? diagnostic.code : null;
  if (!ruleId) return [];
  const edits = suppressionEdits(text, diagnostic.range.start.line + 1, ruleId);
  const action = (title: string, edit: TextEdit): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [edit] } } });
  return [
    ...(edits.line ? [action(`Suppress \`${ruleId}\` on this line (then write why after \`--\`)`, edits.line)] : []),
    action(`Suppress \`${ruleId}\` in this file (then write why after \`--\`)`, edits.file),
  ];
}

/** Each choice a finding's fix offers, as an edit of its words. */
function replacementFixes(uri: string, text: string, diagnostic: LspDiagnostic): CodeAction[] {
  const fix = diagnostic.data as Replacement | undefined;
  if (!fix?.actual || !Array.isArray(fix.expected)) return [];
  const { start, end } = diagnostic.range;
  const finding = { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, fix };
  return fix.expected.flatMap((choice) => {
    const edit = replacementEdit(text, finding, choice);
    return edit
      ? [
          {
            title: `Replace \`${fix.actual}\` with \`${choice}\``,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.expected.length === 1,
            edit: { changes: { [uri]: [edit] } },
          },
        ]
      : [];
  });
}

function location(place: EditorLocation): Location {
  return { uri: pathToFileURL(path.resolve(place.file)).href, range: place.range };
}

function documentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbol.kind === 'section' ? SymbolKind.Module : SymbolKind.Namespace,
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(documentSymbol),
  };
}

/** The front matter's schema of a file, by its name and place: ordinance.md or code.md, a group's group.md, a registry entry, else a section. */
function frontMatterSchemaOf(file: string) {
  const name = path.basename(file);
  // A code title's code.md is read with the ordinance's schema, as ordinance.md is (analyze/parse-ordinance.ts).
  if (name === ORDINANCE_FILE || name === CODE_FILE) return FRONT_MATTER_SCHEMAS.ordinance!;
  if (name === GROUP_FILE) return FRONT_MATTER_SCHEMAS.group!;
  if (path.basename(path.dirname(file)) === REGISTRY_FOLDER) return FRONT_MATTER_SCHEMAS.directive!;
  return FRONT_MATTER_SCHEMAS.section!;
}

/** Serve the protocol on `connection` until the client asks the server to exit. */
export function serveLanguage(connection: Connection): void {
  const session = new EditorSession();
  const documents = new TextDocuments(TextDocument);
  /** What was last published for each document, as sent: a keystroke's check republishes only the files whose findings changed. */
  const published = new Map<string, string>();
  /** Documents edited since their folder's last check: their findings are published after it even when unchanged, so the editor knows they are current. */
  const edited = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();
  let running: Promise<unknown> = Promise.resolve();

  const fileOf = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);

  const publish = (findings: Map<string, Diagnostic[]>) => {
    for (const [file, found] of findings) {
      const uri = pathToFileURL(file).href;
      const diagnostics = found.map(lspDiagnostic);
      const sent = JSON.stringify(diagnostics);
      // Unchanged since last sent: not again. A clean file is published once open (the editor clears what it showed), or once its findings are gone.
      const current = edited.delete(uri);
      if (!current && (published.get(uri) === sent || (found.length === 0 && !published.has(uri) && !documents.get(uri)))) continue;
      void connection.sendDiagnostics({ uri, diagnostics });
      published.set(uri, sent);
    }
  };

  /** Check `folder` (one check at a time, in the order asked) and publish its findings. */
  const check = (folder: string): Promise<FolderCheck | undefined> => {
    const next = running.then(async () => {
      try {
        const checked = await session.check(folder);
        publish(checked.findings);
        publish(session.registryFindings(registryOf(folder)));
        return checked;
      } catch (error) {
        connection.console.error(`ordinance: checking ${folder} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    });
    running = next;
    return next;
  };

  /** Check what an edit of `file` changes, a short while after the last edit. */
  const schedule = (file: string, saved = false) => {
    const place = session.placeOf(file);
    if (!place) return;
    const folders = place.kind === 'ordinance' ? [place.folder, ...(saved ? session.amendersOf(file) : [])] : session.foldersOf(place.dir);
    if (place.kind === 'registry' && folders.length === 0) {
      running = running
        .then(() => publish(session.registryFindings(place.dir)))
        .catch((error: unknown) => connection.console.error(`ordinance: reading ${place.dir} failed: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    for (const folder of folders) {
      clearTimeout(pending.get(folder));
      pending.set(
        folder,
        setTimeout(() => {
          pending.delete(folder);
          void check(folder);
        }, SETTLE_MS),
      );
    }
  };

  /** The check of the folder holding `uri`, brought up to date with the editor's text. */
  const checked = async (uri: string): Promise<{ file: string; check: FolderCheck } | null> => {
    const file = fileOf(uri);
    const place = file ? session.placeOf(file) : null;
    if (!file || place?.kind !== 'ordinance') return null;
    const due = pending.has(place.folder) || !session.hasModel(place.folder);
    if (due) {
      clearTimeout(pending.get(place.folder));
      pending.delete(place.folder);
      await check(place.folder);
    } else await running;
    const last = session.lastCheck(place.folder);
    return last ? { file, check: last } : null;
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: ['=', ' ', '-'] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: 'ordinance' },
  }));

  documents.onDidChangeContent(({ document }) => {
    const file = fileOf(document.uri);
    if (!file) return;
    session.setText(file, document.getText());
    edited.add(document.uri);
    schedule(file);
  });
  // A code section saved changes what the ordinances that amend its code apply to: they are checked again.
  documents.onDidSave(({ document }) => {
    const file = fileOf(document.uri);
    if (file) schedule(file, true);
  });
  documents.onDidClose(({ document }) => {
    const file = fileOf(document.uri);
    if (!file) return;
    session.forget(file);
    schedule(file);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const file = fileOf(change.uri);
      if (!file) continue;
      session.changedOnDisk(file);
      schedule(file, true);
    }
  });

  connection.onHover(async ({ textDocument, position }) => {
    const at = await checked(textDocument.uri);
    const ordinance = at?.check.result?.ordinance;
    if (!at || !ordinance) return null;
    const world = { relations: at.check.relations, vocabulary: at.check.vocabulary, marks: at.check.marks, amendments: at.check.result?.amendments };
    const hover = hoverAt(ordinance, world, session.modelPath(at.file), position);
    // Over a finding, what its rule is for too, from its docs page.
    const finding = findingHover(at.check.findings.get(path.resolve(at.file)) ?? [], position, docsOf);
    const markdown = [hover?.markdown, finding?.markdown].filter(Boolean).join('\n\n---\n\n');
    return markdown ? { contents: { kind: 'markdown', value: markdown }, ...(hover?.range ? { range: hover.range } : {}) } : null;
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const at = await checked(textDocument.uri);
    const ordinance = at?.check.result?.ordinance;
    const found = at && ordinance ? definitionAt(ordinance, session.modelPath(at.file), position) : null;
    return found ? location(found) : null;
  });

  connection.onReferences(async ({ textDocument, position }) => {
    const at = await checked(textDocument.uri);
    const ordinance = at?.check.result?.ordinance;
    const referent = at && ordinance ? referentAt(ordinance, session.modelPath(at.file), position) : null;
    if (!at || !ordinance || !referent) return [];
    // A directive is cited from every ordinance of the workspace: each one checked so far is searched.
    const folders = referent.kind === 'directive' ? session.foldersOf(registryOf(at.check.folder)) : [at.check.folder];
    return folders.flatMap((folder) => {
      const other = session.lastCheck(folder)?.result?.ordinance;
      return other ? referencesTo(other, referent).map(location) : [];
    });
  });

  connection.onDocumentSymbol(async ({ textDocument }) => {
    const at = await checked(textDocument.uri);
    const ordinance = at?.check.result?.ordinance;
    if (!at || !ordinance) return [];
    const text = documents.get(textDocument.uri)?.getText() ?? '';
    return outlineOf(ordinance, at.check.vocabulary, session.modelPath(at.file), text).map(documentSymbol);
  });

  connection.onCompletion(async ({ textDocument, position }): Promise<CompletionItem[]> => {
    const document = documents.get(textDocument.uri);
    const file = fileOf(textDocument.uri);
    if (!document || !file) return [];
    const text = document.getText();
    const before = text.split('\n')[position.line]?.slice(0, position.character) ?? '';
    const need = completionNeed(before, inFrontMatter(text, position.line));
    if (!need) return [];
    const place = session.placeOf(file);
    const registryDir = place?.kind === 'ordinance' ? registryOf(place.folder) : place?.kind === 'registry' ? place.dir : null;
    const directives =
      need.kind === 'directive' && registryDir
        ? session
            .registry(registryDir)
            .all()
            .map((d) => ({ id: d.meta.id, title: d.meta.title }))
        : [];
    // What the last check knows: the sections and their subdivisions, the code the ordinance amends.
    const needsCheck = (need.kind === 'section' || need.kind === 'pinpoint' || need.kind === 'codeSection') && place?.kind === 'ordinance';
    const result = needsCheck ? (await checked(textDocument.uri))?.check.result : undefined;
    const sections = (result?.ordinance?.sections ?? []).map((s) => ({ id: s.id, title: s.heading, subdivisions: [...subdivisionPaths(s)] }));
    const codeSections = [...(result?.amendments?.code?.sections.keys() ?? [])];
    const keys = need.kind === 'key' ? frontMatterKeys(frontMatterSchemaOf(file) as { properties?: Record<string, { description?: string }> }) : [];
    const world = { directives, sections, codeSections, rules: rules.map((r) => ({ id: r.id, description: r.description })), keys, jurisdictions: session.jurisdictions() };
    const kinds = { reference: CompletionItemKind.Reference, value: CompletionItemKind.EnumMember, key: CompletionItemKind.Property } as const;
    return completionChoices(need, world).map((choice) => ({ label: choice.label, detail: choice.detail, kind: kinds[choice.kind] }));
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const file = fileOf(textDocument.uri);
    // An adopted ordinance's words change only by another ordinance: no quick fix edits them.
    if (file && session.isAdopted(file)) return [];
    return context.diagnostics.flatMap((diagnostic) => quickFixes(textDocument.uri, document.getText(), diagnostic));
  });

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const at = await checked(textDocument.uri);
    const ordinance = at?.check.result?.ordinance;
    const found = at && ordinance ? renamedSection(ordinance, session.modelPath(at.file), position) : null;
    return found ? { range: found.range, placeholder: found.section.id } : null;
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const at = await checked(textDocument.uri);
    const ordinance = at?.check.result?.ordinance;
    const found = at && ordinance ? renamedSection(ordinance, session.modelPath(at.file), position) : null;
    if (!at || !ordinance || !found) return null;
    if (session.isAdopted(at.file)) throw new ResponseError(ErrorCodes.InvalidRequest, "An adopted ordinance's words change only by another ordinance");
    const textOf = (file: string) => documents.get(pathToFileURL(path.resolve(file)).href)?.getText() ?? readFileSync(file, 'utf8');
    const edits = renameEdits(ordinance, found.section, newName, textOf);
    if ('refused' in edits) throw new ResponseError(ErrorCodes.InvalidParams, edits.refused);
    return { changes: Object.fromEntries([...edits].map(([file, fileEdits]) => [pathToFileURL(path.resolve(file)).href, fileEdits])) };
  });

  documents.listen(connection);
  connection.listen();
}
