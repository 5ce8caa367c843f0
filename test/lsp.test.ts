/**
 * `ordinance lsp` through a real client: the server spawned as an editor
 * starts it, spoken to over stdio with vscode-languageserver-protocol's own
 * connection (issue 30). The documents are changed as an editor changes
 * them, never saved: the findings, hovers and answers are those of the
 * unsaved text. The findings are the ones `ordinance check` prints for the
 * same text on disk, position, rule and message alike.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RenameRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { runMain } from './in-process.js';
import { BIN, laSampleCopy, ROOT, sampleCopy } from './helpers.js';

/** The server, and what it has published, by document. */
class Client {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times each document's findings were published. */
  readonly publications = new Map<string, number>();
  private waiters: (() => void)[] = [];
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  private version = new Map<string, number>();

  constructor(cwd: string) {
    this.process = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      this.publications.set(uri, (this.publications.get(uri) ?? 0) + 1);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.listen();
  }

  async initialize(root: string) {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'sample' }],
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(file: string, text = readFileSync(file, 'utf8')) {
    this.version.set(file, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'markdown', version: 1, text } });
  }

  /** Replace the whole text, unsaved, as an editor sends a change. */
  async change(file: string, text: string) {
    const version = (this.version.get(file) ?? 1) + 1;
    this.version.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
  }

  /** The findings on `file` once they meet `test` (the server publishes after each check). */
  async findings(file: string, test: (found: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = this.diagnostics.get(uri(file));
      if (found && test(found)) return found;
      if (Date.now() > deadline) throw new Error(`no findings on ${file} as expected; last: ${JSON.stringify(found)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return exited;
  }
}

const uri = (file: string) => pathToFileURL(file).href;

/** The place of `words` in `text` (line and character from 0), `offset` characters into them. */
function placeOf(text: string, words: string, offset = 0) {
  const at = text.indexOf(words);
  expect(at, words).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

describe('ordinance lsp, through a protocol client', () => {
  let dir: string;
  let folder: string;
  let client: Client;
  const file = (name: string) => path.join(folder, name);
  beforeAll(async () => {
    dir = laSampleCopy();
    folder = path.join(dir, 'ordinance', 'la-sanctuary-city');
    client = new Client(dir);
  }, 30_000);
  afterAll(async () => {
    if (client.process.exitCode === null) client.process.kill();
  });

  it('initializes with what it serves', async () => {
    const { capabilities, serverInfo } = await client.initialize(dir);
    expect(serverInfo?.name).toBe('ordinance');
    expect(capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, referencesProvider: true, documentSymbolProvider: true });
    expect(capabilities.completionProvider?.triggerCharacters).toContain('=');
  });

  it('publishes a clean section as clean once it is open', async () => {
    await client.open(file('04-prohibitions.md'));
    expect(await client.findings(file('04-prohibitions.md'), () => true)).toEqual([]);
  }, 30_000);

  it('reports a mistake in unsaved text as `ordinance check` reports it on disk: place, rule, message and law path', async () => {
    const name = '04-prohibitions.md';
    // A mistyped reference, and a citation of an unregistered directive (its message names the registry's folder, as check run here names it).
    const broken = readFileSync(file(name), 'utf8')
      .replace(':ref{to=exceptions}', ':ref{to=exeptions}')
      .replace('or by any other means.', 'or by any other means, or as :cite[the Values Act]{to=ca-valus-act} allows.');
    await client.change(file(name), broken);
    const found = await client.findings(file(name), (f) => f.length > 1);
    expect(found.map((d) => d.message).join('\n')).toContain('register it as `ordinance/directives/ca-valus-act.md`');
    // The same text on disk, checked by the CLI, in a copy of its own.
    const other = laSampleCopy();
    writeFileSync(path.join(other, 'ordinance', 'la-sanctuary-city', name), broken);
    const checked = await runMain(['check', 'ordinance/la-sanctuary-city'], other);
    expect(checked.code).toBe(1);
    const lines = checked.stdout.split('\n').filter((line) => line.includes(`${name}:`));
    expect(lines).toHaveLength(found.length);
    for (const [i, diagnostic] of found.entries()) {
      const { line, character } = diagnostic.range.start;
      expect(lines[i]).toContain(`${name}:${line + 1}:${character + 1}: ${diagnostic.severity === 1 ? 'error' : 'warning'} ${diagnostic.message} [${diagnostic.code}]`);
      expect(diagnostic.source).toBe('ordinance');
      expect(diagnostic.codeDescription?.href).toMatch(/docs\/reference\/(rules|checks)\/[a-z-]+\.md$/);
    }
    // An adopted ordinance's words change only by another ordinance: no quick fix, and `check --fix` leaves them.
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(name)) },
      range: found[0]!.range,
      context: { diagnostics: found },
    });
    expect(actions).toEqual([]);
    const fixing = await runMain(['check', '--fix', 'ordinance/la-sanctuary-city'], other);
    expect(fixing.stderr).toContain("not fixed: ordinance/la-sanctuary-city/04-prohibitions.md (an adopted ordinance's words change only by another ordinance)");
    expect(readFileSync(path.join(other, 'ordinance', 'la-sanctuary-city', name), 'utf8')).toBe(broken);
    // And the fix clears it.
    await client.change(file(name), readFileSync(file(name), 'utf8'));
    expect(await client.findings(file(name), (f) => f.length === 0)).toEqual([]);
  }, 60_000);

  it('offers as a quick fix the edit `check --fix` writes for the same text on disk', async () => {
    const draft = sampleCopy(['la-city-resources', 'la-admin-code']);
    const scope = path.join(draft, 'ordinance', 'la-city-resources', '04-scope.md');
    const broken = `${readFileSync(scope, 'utf8').trimEnd()}\n\nSee :ref{to=prohibitons}.\n`;
    await client.open(scope, broken);
    const found = await client.findings(scope, (f) => f.some((d) => d.code === 'section-ref-resolves'));
    const finding = found.find((d) => d.code === 'section-ref-resolves')!;
    // Over the finding, what its rule is for, from its docs page, and the page.
    const told = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(scope) }, position: finding.range.start });
    const page = path.join(ROOT, 'docs', 'reference', 'rules', 'section-ref-resolves.md');
    const hovered = (told!.contents as { value: string }).value;
    expect(hovered).toContain(`**section-ref-resolves**: Section references name an existing section id and subdivision\n\n\`:ref{to=exceptions}\` prints as "Section 6"`);
    expect(hovered).toContain(`[The rule's page](${pathToFileURL(page).href})`);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(scope) }, range: finding.range, context: { diagnostics: [finding] } });
    const fixes = (actions ?? []).filter((a): a is CodeAction => 'edit' in a);
    expect(fixes.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Replace `prohibitons` with `prohibitions`', true],
      ['Suppress `section-ref-resolves` on this line (then write why after `--`)', undefined],
      ['Suppress `section-ref-resolves` in this file (then write why after `--`)', undefined],
    ]);
    const fixedHere = TextDocument.applyEdits(TextDocument.create(uri(scope), 'markdown', 1, broken), fixes[0]!.edit!.changes![uri(scope)]!);
    expect(fixedHere).toContain('See :ref{to=prohibitions}.');
    // The same text saved, fixed from the command line.
    writeFileSync(scope, broken);
    const fixing = await runMain(['check', '--fix', 'ordinance/la-city-resources'], draft);
    expect(fixing.stderr).toContain('fixed 1 finding in 1 file');
    expect(readFileSync(scope, 'utf8')).toBe(fixedHere);
    // Suppressed instead: the comment stands above the line, and suppresses nothing until the drafter writes why.
    const suppressed = TextDocument.applyEdits(TextDocument.create(uri(scope), 'markdown', 1, broken), fixes[1]!.edit!.changes![uri(scope)]!);
    expect(suppressed).toBe(broken.replace('See :ref{to=prohibitons}.', '<!-- ordinance-disable-next-line section-ref-resolves --  -->\nSee :ref{to=prohibitons}.'));
    await client.change(scope, suppressed);
    const unexplained = await client.findings(scope, (f) => f.some((d) => d.code === 'suppression-reason'));
    expect(unexplained.map((d) => d.code).sort()).toEqual(['section-ref-resolves', 'suppression-reason']);
    await client.change(scope, suppressed.replace('--  -->', '-- the section is added by the next amendment -->'));
    expect(await client.findings(scope, (f) => f.length === 0)).toEqual([]);
    // Applied in the editor, the finding goes.
    await client.change(scope, fixedHere);
    await client.findings(scope, (f) => !f.some((d) => d.code === 'section-ref-resolves'));
  }, 60_000);

  it('registers a directive cited but not registered: its entry made where the finding says, for the drafter to complete', async () => {
    const draft = sampleCopy(['la-city-resources', 'la-admin-code']);
    const scope = path.join(draft, 'ordinance', 'la-city-resources', '04-scope.md');
    const text = `${readFileSync(scope, 'utf8').trimEnd()}\n\nSee :cite[the Dignity Act]{to=la-dignity-act}.\n`;
    await client.open(scope, text);
    const found = await client.findings(scope, (f) => f.some((d) => d.code === 'citation-resolves'));
    const finding = found.find((d) => d.code === 'citation-resolves')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(scope) }, range: finding.range, context: { diagnostics: [finding] } });
    const register = (actions ?? []).find((a): a is CodeAction => 'edit' in a && a.title.startsWith('Register'))!;
    // The file named as the finding names it (this workspace lies outside the server's folder: by its whole path).
    const entry = path.join(draft, 'ordinance', 'directives', 'la-dignity-act.md');
    expect(register.title).toBe(`Register \`la-dignity-act\` as \`${entry}\` (then write its title, kind and what it does)`);
    const [create, write] = register.edit!.documentChanges! as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: { newText: string }[] }];
    expect(create).toMatchObject({ kind: 'create', uri: uri(entry) });
    expect(write.textDocument.uri).toBe(uri(entry));
    const scaffold = write.edits[0]!.newText;
    expect(scaffold).toBe(
      '---\nid: la-dignity-act\ncited-as:\n  - "the Dignity Act"\ntitle: "TBD"\nkind: TBD\nstatus: unknown\n---\nTBD: what the directive does, in plain words.\n',
    );
    // Made in the editor (the file created, as the editor creates it, empty; the text in the editor), the entry is read:
    // its kind is for the drafter to choose, and the citation names it, unusable until then.
    writeFileSync(entry, '');
    await client.open(entry, scaffold);
    const onEntry = await client.findings(entry, (f) => f.length > 0);
    expect(onEntry.map((d) => d.code)).toContain('front-matter-schema');
    await client.findings(scope, (f) => f.some((d) => (typeof d.message === 'string' ? d.message : d.message.value).includes('Unusable directive `la-dignity-act`')));
    // Completed, the citation resolves.
    await client.change(entry, scaffold.replace('kind: TBD', 'kind: executive-directive').replace('title: "TBD"', 'title: "Dignity Act"').replace('TBD: what', 'What'));
    await client.findings(scope, (f) => !f.some((d) => d.code === 'citation-resolves'));
  }, 60_000);

  it('renames a section id with every reference to it, and refuses an id another section has', async () => {
    const draft = sampleCopy(['la-city-resources', 'la-admin-code']);
    const folder = path.join(draft, 'ordinance', 'la-city-resources');
    const at = (name: string) => path.join(folder, name);
    // Two references typed, unsaved, in two files.
    const texts = new Map<string, string>();
    for (const name of ['04-scope.md', '05-notice.md']) {
      const text = `${readFileSync(at(name), 'utf8').trimEnd()}\n\nSee :ref{to=prohibitions}.\n`;
      texts.set(at(name), text);
      await client.open(at(name), text);
    }
    texts.set(at('02-prohibitions.md'), readFileSync(at('02-prohibitions.md'), 'utf8'));
    const scope = texts.get(at('04-scope.md'))!;
    const position = placeOf(scope, ':ref{to=prohibitions}', 10);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uri(at('04-scope.md')) }, position });
    expect(prepared).toMatchObject({ placeholder: 'prohibitions' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uri(at('04-scope.md')) }, position, newName: 'city-prohibitions' });
    const changed = Object.keys(edit!.changes!)
      .map((u) => path.basename(new URL(u).pathname))
      .sort();
    expect(changed).toEqual(['02-prohibitions.md', '04-scope.md', '05-notice.md']);
    for (const [file, text] of texts) {
      const edits = edit!.changes![uri(file)] ?? [];
      writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri(file), 'markdown', 1, text), edits));
    }
    expect(readFileSync(at('02-prohibitions.md'), 'utf8')).toMatch(/^id: city-prohibitions$/m);
    expect(readFileSync(at('05-notice.md'), 'utf8')).toContain('See :ref{to=city-prohibitions}.');
    const checked = await runMain(['check', 'ordinance/la-city-resources'], draft);
    expect(checked.stdout).not.toMatch(/section-ref-resolves|section-id-unique/);
    await expect(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uri(at('04-scope.md')) }, position, newName: 'scope' })).rejects.toThrow(
      "`scope` is another section's id already",
    );
  }, 60_000);

  it('checks again the ordinances that amend a code section when it is saved', async () => {
    const draft = sampleCopy(['la-city-resources', 'la-admin-code']);
    const amending = path.join(draft, 'ordinance', 'la-city-resources', '01-amendments.md');
    await client.open(amending);
    expect(await client.findings(amending, () => true)).toEqual([]);
    // The code gains the subsection the ordinance adds: its instruction no longer applies.
    const code = path.join(draft, 'ordinance', 'la-admin-code', '01-article-1', '01-4.1001.md');
    const text = `${readFileSync(code, 'utf8').trimEnd()}\n\n(c) "City Property" means land.\n`;
    await client.open(code, text);
    writeFileSync(code, text);
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uri(code) } });
    const found = await client.findings(amending, (f) => f.length > 0);
    expect(found.map((d) => d.code)).toContain('amendment-applies');
  }, 60_000);

  it("shows over an amending instruction whether it applies and the code's words as the ordinance leaves them, marked", async () => {
    const draft = sampleCopy(['la-city-resources', 'la-admin-code']);
    const prohibitions = path.join(draft, 'ordinance', 'la-city-resources', '02-prohibitions.md');
    const text = readFileSync(prohibitions, 'utf8');
    await client.open(prohibitions, text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(prohibitions) }, position: placeOf(text, 'is amended to read', 3) });
    const shown = (hover!.contents as { value: string }).value;
    expect(shown).toMatch(/^\*\*§ 4\.1002\(b\)\(3\)\*\*: Applied\.\n\n§ 4\.1002 as the ordinance leaves it:/);
    expect(shown).toContain('(3) give ~~another agency~~ <ins>a federal</ins>');
    // An instruction that does not apply says why.
    const broken = text.replace('Subdivision 3 of Subsection (b)', 'Subdivision 9 of Subsection (b)');
    await client.change(prohibitions, broken);
    const failed = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(prohibitions) }, position: placeOf(broken, 'is amended to read', 3) });
    expect((failed!.contents as { value: string }).value).toMatch(/^\*\*§ 4\.1002\(b\)\(9\)\*\*: Not applied: /);
  }, 60_000);

  it('shows the directive a citation names on hover, and the section a reference names', async () => {
    const name = '02-purpose.md';
    const text = readFileSync(file(name), 'utf8');
    await client.open(file(name), text);
    const cite = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file(name)) }, position: placeOf(text, ':cite[California Values Act]', 3) });
    const citeText = (cite!.contents as { value: string }).value;
    expect(citeText).toContain('**California Values Act (Senate Bill 54, 2017)**');
    expect(citeText).toMatch(/This ordinance: .*\(Section/);
    const prohibitions = readFileSync(file('04-prohibitions.md'), 'utf8');
    const ref = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri(file('04-prohibitions.md')) },
      position: placeOf(prohibitions, ':ref{to=exceptions}', 2),
    });
    expect((ref!.contents as { value: string }).value).toMatch(/^\*\*Section 6\. Exceptions\*\*\n\n\S/);
    // Plain words have nothing to show.
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file(name)) }, position: placeOf(text, 'Align the City', 2) })).toBeNull();
  }, 30_000);

  it('goes from a citation to its registry entry and from a reference to its section, and finds every citation of a directive', async () => {
    const prohibitions = readFileSync(file('04-prohibitions.md'), 'utf8');
    const section = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri(file('04-prohibitions.md')) },
      position: placeOf(prohibitions, ':ref{to=exceptions}', 2),
    })) as Location;
    expect(section.uri).toBe(uri(file('06-exceptions.md')));
    const text = readFileSync(file('02-purpose.md'), 'utf8');
    const at = placeOf(text, ':cite[California Values Act]', 3);
    const entry = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(file('02-purpose.md')) }, position: at })) as Location;
    expect(entry.uri).toBe(uri(path.join(dir, 'ordinance', 'directives', 'ca-values-act.md')));
    const citing = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri(file('02-purpose.md')) },
      position: at,
      context: { includeDeclaration: false },
    });
    const files = new Set(citing!.map((l) => path.basename(new URL(l.uri).pathname)));
    expect(files.has('02-purpose.md')).toBe(true);
    expect(citing!.length).toBeGreaterThan(2);
  }, 30_000);

  it('outlines a section: the section, then its subdivisions as the law nests them, each with its law path', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(file('04-prohibitions.md')) } })) as DocumentSymbol[];
    expect(symbols).toHaveLength(1);
    expect(symbols[0]!.name).toBe('Section 4. Prohibition on Use of City Resources for Immigration Enforcement');
    expect(symbols[0]!.children!.map((s) => s.name)).toEqual(['(a)', '(b)', '(c)', '(d)', '(e)', '(f)']);
    const f = symbols[0]!.children![5]!;
    expect(f.children!.map((s) => s.name)).toEqual(['(1)', '(2)', '(3)']);
    expect(f.children![1]!.detail).toMatch(/^§ 4\(f\)\(2\) The date, time, or place/);
  }, 30_000);

  it('completes directive ids, section ids and their subdivisions, code sections, rule ids, front-matter keys and values', async () => {
    const name = '04-prohibitions.md';
    const text = readFileSync(file(name), 'utf8');
    const complete = async (typed: string, line: number) => {
      const lines = text.split('\n');
      lines[line] = typed;
      await client.change(file(name), lines.join('\n'));
      const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(file(name)) }, position: { line, character: typed.length } });
      return (Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label);
    };
    const body = text.split('\n').findIndex((l) => l.startsWith('(b)'));
    // Another open section of the folder, its findings unchanged, is not published again on each keystroke here.
    const purpose = uri(file('02-purpose.md'));
    expect(client.publications.get(purpose)).toBeGreaterThan(0);
    const publishedBefore = client.publications.get(purpose);
    expect(await complete('See :cite{to=ca-', body)).toEqual(['ca-trust-act', 'ca-values-act']);
    expect(await complete('See :ref{to=pro', body)).toEqual(['prohibitions']);
    const kind = text.split('\n').findIndex((l) => l.startsWith('kind:'));
    expect(await complete('kind: ', kind)).toContain('operative');
    expect(await complete('kind: def', kind)).toEqual(['definitions']);
    expect(await complete('summ', kind)).toEqual(['summary']);
    expect(await complete('See :ref{to=prohibitions pin="(f', body)).toEqual(['(f)', '(f)(1)', '(f)(2)', '(f)(3)']);
    expect(await complete('<!-- ordinance-disable-next-line vague', body)).toEqual(['vague-terms']);
    await client.change(file(name), text);
    await client.findings(file(name), () => true);
    expect(client.publications.get(purpose)).toBe(publishedBefore);
    // In an amending ordinance, a section of the code it amends.
    const draft = sampleCopy(['la-city-resources', 'la-admin-code']);
    const amending = path.join(draft, 'ordinance', 'la-city-resources', '01-amendments.md');
    const source = readFileSync(amending, 'utf8');
    await client.open(amending, source);
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Section 4.1001'));
    lines[at] = 'Section 4.100';
    await client.change(amending, lines.join('\n'));
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(amending) }, position: { line: at, character: 'Section 4.100'.length } });
    expect((Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label)).toEqual(['4.1001', '4.1002', '4.1003']);
    // A code title's code.md takes the keys of ordinance.md, not a section's.
    const code = path.join(draft, 'ordinance', 'la-admin-code', 'code.md');
    const codeText = readFileSync(code, 'utf8');
    await client.open(code, codeText.replace(/^designation: .*$/m, 'short-t'));
    const line = codeText.split('\n').findIndex((l) => l.startsWith('designation:'));
    const keys = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(code) }, position: { line, character: 'short-t'.length } });
    expect((Array.isArray(keys) ? keys : (keys?.items ?? [])).map((i) => i.label)).toEqual(['short-title']);
  }, 30_000);

  it('keeps serving when a registry entry breaks in the editor: the entry gets its finding, the citations theirs', async () => {
    const entry = path.join(dir, 'ordinance', 'directives', 'ca-values-act.md');
    const text = readFileSync(entry, 'utf8');
    await client.open(entry, text.replace(/^status: .*$/m, 'status: [unclosed'));
    const onEntry = await client.findings(entry, (f) => f.length > 0);
    expect(onEntry[0]!.severity).toBe(1);
    // The section citing it is checked again against the broken registry.
    const purpose = await client.findings(file('02-purpose.md'), (f) => f.some((d) => (typeof d.message === 'string' ? d.message : d.message.value).includes('ca-values-act')));
    expect(purpose.length).toBeGreaterThan(0);
    // Mended, both clear; and the server still answers.
    await client.change(entry, text);
    await client.findings(entry, (f) => f.length === 0);
    await client.findings(file('02-purpose.md'), (f) => f.length === 0);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(file('02-purpose.md')) } });
    expect(symbols).toHaveLength(1);
  }, 60_000);

  it('serves a second workspace beside the first', async () => {
    const second = laSampleCopy();
    const other = path.join(second, 'ordinance', 'la-sanctuary-city', '06-exceptions.md');
    await client.open(other, `${readFileSync(other, 'utf8')}\nSee :ref{to=nowhere}.\n`);
    const found = await client.findings(other, (f) => f.length > 0);
    expect(found.map((d) => d.code)).toContain('section-ref-resolves');
    // The first workspace's file is untouched by it.
    expect(client.diagnostics.get(uri(file('06-exceptions.md'))) ?? []).toEqual([]);
  }, 30_000);

  it('shuts down and exits when asked', async () => {
    expect(await client.stop()).toBe(0);
  }, 30_000);
});
