/**
 * The VS Code extension activated in a stub host (issue 30): VS Code itself
 * is not downloaded, so its API is jest-mock-vscode's (the types VS Code's
 * own tests use: Uri, Range, Diagnostic, EventEmitter), with the few host
 * services the language client calls made to work: a workspace folder, the
 * extension's settings, an open document, a diagnostic collection. The
 * extension as packaged (bundled with the language client, `vscode` left to
 * the host) is activated; it must start `ordinance lsp` for the folder, send
 * it the open document, and receive its findings into the editor's problems.
 * The editor end to end is Neovim's (test/neovim.test.ts); this is in
 * addition to it.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { createVSCodeMock } from 'jest-mock-vscode';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT, sampleCopy, tempDir } from './helpers.js';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };

describe('the VS Code extension, activated in a stub host', () => {
  const original = loader._load;
  afterAll(() => {
    loader._load = original;
  });

  it('starts the server for the workspace folder and shows its findings on the open document', async () => {
    const workspace = sampleCopy(['la-city-resources', 'la-admin-code']);
    const file = path.join(workspace, 'ordinance', 'la-city-resources', '04-scope.md');
    const text = `${readFileSync(file, 'utf8').trimEnd()}\n\nSee :ref{to=prohibitons}.\n`;
    // biome-ignore lint/suspicious/noExplicitAny: the stub host: the API object the mock types as VS Code's, with host services put in place of its stubs.
    const vscode = createVSCodeMock(vi) as unknown as Record<string, any>;
    // The workspace folder, and the setting that names the server: this checkout's CLI.
    const folder = { uri: vscode.Uri.file(workspace), name: 'sample', index: 0 };
    vscode.workspace.setWorkspaceFolders([folder]);
    vscode.workspace.getConfiguration = vi.fn(() => ({
      get: (key: string, fallback: unknown) => (key === 'server.command' ? [process.execPath, path.join(ROOT, 'bin', 'ordinance.js'), 'lsp', '--stdio'] : fallback),
      has: () => false,
      inspect: () => undefined,
      update: async () => undefined,
    }));
    // The document the drafter has open, unsaved.
    const document = {
      uri: vscode.Uri.file(file),
      fileName: file,
      languageId: 'markdown',
      version: 1,
      isDirty: true,
      isClosed: false,
      isUntitled: false,
      getText: () => text,
    };
    vscode.workspace.textDocuments = [document];
    const watcher = {
      onDidCreate: vscode.workspace.onDidSaveTextDocument,
      onDidChange: vscode.workspace.onDidSaveTextDocument,
      onDidDelete: vscode.workspace.onDidSaveTextDocument,
      dispose: () => undefined,
    };
    vscode.workspace.createFileSystemWatcher = vi.fn(() => watcher);
    vscode.env = { appName: 'Visual Studio Code', appRoot: ROOT, language: 'en', machineId: 'test', sessionId: 'test', uriScheme: 'vscode', openExternal: vi.fn(async () => true) };
    vscode.version = '1.91.0';
    // Cancellation as the host gives it (the protocol's own tokens have its shape).
    vscode.CancellationTokenSource = CancellationTokenSource;
    vscode.CancellationError = class CancellationError extends Error {};
    vscode.RelativePattern = class RelativePattern {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    };
    // The editor's problems: what the client sets in its diagnostic collection.
    const problems = new Map<string, { message: string; code: unknown }[]>();
    const arrived = new Promise<void>((resolve) => {
      vscode.languages.createDiagnosticCollection = vi.fn((name: string) => ({
        name,
        set(uri: { fsPath: string }, diagnostics: { message: string; code: unknown }[]) {
          problems.set(uri.fsPath, diagnostics);
          if (diagnostics.length > 0) resolve();
        },
        delete: (uri: { fsPath: string }) => problems.delete(uri.fsPath),
        clear: () => problems.clear(),
        forEach: () => undefined,
        get: (uri: { fsPath: string }) => problems.get(uri.fsPath),
        has: (uri: { fsPath: string }) => problems.has(uri.fsPath),
        dispose: () => undefined,
      }));
    });
    // Which documents the client's selector takes: the host's glob match, for the extension's one form (`<folder>/**/*.md`).
    vscode.languages.match = vi.fn((selector: { scheme?: string; language?: string; pattern?: string }[], doc: typeof document) =>
      selector.some(
        (filter) =>
          (!filter.scheme || filter.scheme === doc.uri.scheme) &&
          (!filter.language || filter.language === doc.languageId) &&
          (!filter.pattern || (doc.fileName.startsWith(filter.pattern.replace(/\/\*\*\/\*\.md$/, '/')) && doc.fileName.endsWith('.md'))),
      )
        ? 10
        : 0,
    );
    const disposable = () => ({ dispose: () => undefined });
    for (const [name, value] of Object.entries(vscode.languages)) if (name.startsWith('register') && typeof value === 'function') vscode.languages[name] = vi.fn(disposable);
    vscode.commands.registerCommand = vi.fn(disposable);
    const log: string[] = [];
    vscode.window.createOutputChannel = vi.fn((name: string) => ({
      name,
      append: (t: string) => log.push(t),
      appendLine: (t: string) => log.push(t),
      replace: () => undefined,
      clear: () => undefined,
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
      trace: () => undefined,
      logLevel: 0,
      onDidChangeLogLevel: vscode.workspace.onDidSaveTextDocument,
    }));
    // A type the mock lacks (the client extends VS Code's InlayHint, InlineValue…): a class of its own, as the host would have one.
    const missing = new Map<string, unknown>();
    const host = new Proxy(vscode, {
      get(target, name) {
        // Taken as it is by the bundle's module interop, not copied key by key.
        if (name === '__esModule') return true;
        if (typeof name !== 'string' || name in target || !/^[A-Z]/.test(name)) return target[name as string];
        if (!missing.has(name)) missing.set(name, class {});
        return missing.get(name);
      },
    });
    loader._load = function load(this: unknown, request, parent, isMain) {
      return request === 'vscode' ? host : original.call(this, request, parent, isMain);
    } as Loader;

    // The extension as `npm run vsix` bundles it.
    const out = path.join(tempDir(), 'extension.cjs');
    await build({
      entryPoints: [path.join(ROOT, 'editors', 'vscode', 'src', 'extension.ts')],
      outfile: out,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'silent',
    });
    const extension = createRequire(import.meta.url)(out) as { activate(context: { subscriptions: unknown[] }): void; deactivate(): Promise<void> };
    const context = { subscriptions: [] as unknown[] };
    extension.activate(context);
    // Its three commands, registered.
    expect(vscode.commands.registerCommand.mock.calls.map((call: unknown[]) => call[0]).sort()).toEqual(['ordinance.openPdf', 'ordinance.openPreview', 'ordinance.restartServer']);
    // What the client told the drafter, should the findings not come.
    const said = () => [...log, ...vscode.window.showErrorMessage.mock.calls.map((call: unknown[]) => String(call[0]))].join('\n');
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error(`no findings arrived; the client said:\n${said()}`)), 20_000))]);
    const found = problems.get(file) ?? [];
    expect(found.map((d) => d.message).join('\n')).toContain('prohibitons');
    await extension.deactivate();
  }, 30_000);
});
