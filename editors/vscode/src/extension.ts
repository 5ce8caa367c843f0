/**
 * The VS Code extension: a client only. It starts `ordinance lsp` for each
 * workspace folder (the server does the work: findings as you type, hover,
 * definition, references, outline, completion, quick fixes, rename), and adds
 * two commands: the live preview (`ordinance watch --serve`) beside the
 * source, and the built PDF of the ordinance being edited.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { builtPdf, ordinanceFolderOf, serverCommand } from './server-command';

const clients = new Map<string, LanguageClient>();

function startClient(folder: vscode.WorkspaceFolder): LanguageClient {
  const setting = vscode.workspace.getConfiguration('ordinance', folder).get<string[]>('server.command', []);
  const { command, args } = serverCommand(setting, folder.uri.fsPath, existsSync);
  const server: ServerOptions = { command, args, options: { cwd: folder.uri.fsPath } };
  const client: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown', pattern: `${folder.uri.fsPath}/**/*.md` }],
    workspaceFolder: folder,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.{md,json}')) },
  };
  const languageClient = new LanguageClient('ordinance', 'Ordinance', server, client);
  void languageClient.start();
  return languageClient;
}

export function activate(context: vscode.ExtensionContext): void {
  for (const folder of vscode.workspace.workspaceFolders ?? []) clients.set(folder.uri.toString(), startClient(folder));
  context.subscriptions.push(
    vscode.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      for (const folder of removed) void clients.get(folder.uri.toString())?.stop();
      for (const folder of added) clients.set(folder.uri.toString(), startClient(folder));
    }),
    vscode.commands.registerCommand('ordinance.openPreview', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return;
      const port = vscode.workspace.getConfiguration('ordinance', folder).get<number>('preview.port', 4311);
      const terminal = vscode.window.createTerminal({ name: 'ordinance watch', cwd: folder.uri.fsPath });
      terminal.sendText(`npx ordinance watch --serve --port ${port}`);
      // The preview's page, beside the source, once the server has started.
      setTimeout(() => void vscode.commands.executeCommand('simpleBrowser.show', `http://localhost:${port}/`), 1500);
    }),
    vscode.commands.registerCommand('ordinance.openPdf', async () => {
      const editor = vscode.window.activeTextEditor;
      const workspace = editor && vscode.workspace.getWorkspaceFolder(editor.document.uri);
      const folder = editor ? ordinanceFolderOf(editor.document.uri.fsPath, existsSync) : null;
      if (!workspace || !folder) {
        void vscode.window.showWarningMessage('Open a file of an ordinance first.');
        return;
      }
      const pdf = builtPdf(workspace.uri.fsPath, folder);
      if (!existsSync(pdf)) {
        void vscode.window.showWarningMessage(`Not built yet: run \`npx ordinance build\` (${pdf}).`);
        return;
      }
      await vscode.env.openExternal(vscode.Uri.file(pdf));
    }),
    vscode.commands.registerCommand('ordinance.restartServer', async () => {
      for (const client of clients.values()) await client.restart();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await Promise.all([...clients.values()].map((client) => client.stop()));
}
