/**
 * The VS Code extension (editors/vscode/, issue 30): its manifest as VS Code
 * reads it, the commands it contributes registered by its code, the server
 * command it starts, and the `.vsix` that `npm run vsix` packages with
 * @vscode/vsce (nothing published). VS Code itself is not downloaded: the
 * editor end to end is Neovim's (test/neovim.test.ts), and the extension's
 * activation is tested in a stub host (test/vscode-activation.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPdf, ordinanceFolderOf, serverCommand } from '../editors/vscode/src/server-command.js';
import { ROOT } from './helpers.js';

const EXTENSION = path.join(ROOT, 'editors', 'vscode');
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  version: string;
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, { type: string; default: unknown }> } };
};

/** The names and texts in a zip archive, read with Python's zipfile (the machine's python3). */
function zipEntries(file: string): Record<string, string> {
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: z.read(n).decode("utf-8","replace") for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, string>;
}

describe('the VS Code extension', () => {
  it('has a manifest VS Code takes: its engine the language client needs, its entry, its activation, its settings', () => {
    expect(manifest).toMatchObject({ name: 'ordinance', publisher: 'ordinance-pipeline', main: './dist/extension.js' });
    const client = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8')) as { engines: { vscode: string } };
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
    expect(manifest.activationEvents).toEqual(['onLanguage:markdown', 'workspaceContains:**/ordinance.md']);
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual(['ordinance.preview.port', 'ordinance.server.command']);
  });

  it('registers every command it contributes, and no other', () => {
    const source = readFileSync(path.join(EXTENSION, 'src', 'extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(manifest.contributes.commands.map((c) => c.command).sort());
  });

  it("starts the setting's command, else the workspace's own CLI, else npx; finds an ordinance's built PDF", () => {
    expect(serverCommand(['node', '/x/ordinance.js', 'lsp'], '/w', () => false)).toEqual({ command: 'node', args: ['/x/ordinance.js', 'lsp'] });
    expect(serverCommand([], '/w', (f) => f === path.join('/w', 'node_modules', '.bin', 'ordinance'))).toEqual({
      command: path.join('/w', 'node_modules', '.bin', 'ordinance'),
      args: ['lsp', '--stdio'],
    });
    expect(serverCommand([], '/w', () => false)).toEqual({ command: 'npx', args: ['ordinance', 'lsp', '--stdio'] });
    const sample = path.join(ROOT, 'ordinance', 'la-sanctuary-city');
    expect(ordinanceFolderOf(path.join(sample, '04-prohibitions.md'), (f) => f === path.join(sample, 'ordinance.md'))).toBe(sample);
    expect(builtPdf('/w', '/w/ordinance/la-sanctuary-city')).toBe(path.join('/w', 'dist', 'la-sanctuary-city', 'la-sanctuary-city.pdf'));
  });

  describe('npm run vsix', () => {
    let entries: Record<string, string>;
    beforeAll(() => {
      const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'vsix.mjs')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
        .trim()
        .split('\n')
        .at(-1)!;
      expect(out).toBe(path.join(EXTENSION, 'out', `ordinance-${manifest.version}.vsix`));
      entries = zipEntries(out);
    }, 120_000);

    it('packages the manifest, the readme and the bundled client, and nothing of the sources', () => {
      expect(Object.keys(entries).sort()).toEqual([
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/dist/extension.js',
        'extension/package.json',
        'extension/readme.md',
      ]);
      expect(entries['extension.vsixmanifest']).toMatch(/<Identity Language="en-US" Id="ordinance" Version="0\.1\.0" Publisher="ordinance-pipeline"/);
      // The client bundled in, VS Code's API left to the host.
      const bundle = entries['extension/dist/extension.js']!;
      expect(bundle).toContain('require("vscode")');
      expect(bundle).not.toMatch(/require\("vscode-languageclient/);
    });
  });
});
