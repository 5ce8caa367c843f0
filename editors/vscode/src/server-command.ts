/**
 * How the extension starts `ordinance lsp` for a workspace folder, and where
 * an ordinance's built PDF is: pure, so they are tested without VS Code.
 */
import path from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
}

/** The server's command: the setting's, else the workspace's own installed CLI, else npx. */
export function serverCommand(setting: readonly string[], folder: string, exists: (file: string) => boolean): ServerCommand {
  if (setting.length > 0) return { command: setting[0]!, args: [...setting.slice(1)] };
  const local = path.join(folder, 'node_modules', '.bin', process.platform === 'win32' ? 'ordinance.cmd' : 'ordinance');
  if (exists(local)) return { command: local, args: ['lsp', '--stdio'] };
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['ordinance', 'lsp', '--stdio'] };
}

/** The ordinance folder holding `file` (the nearest folder up with ordinance.md or code.md), or null. */
export function ordinanceFolderOf(file: string, exists: (file: string) => boolean): string | null {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (exists(path.join(dir, 'ordinance.md')) || exists(path.join(dir, 'code.md'))) return dir;
  }
  return null;
}

/** Where `ordinance build` writes the PDF of the ordinance in `folder`: dist/<slug>/<slug>.pdf in the workspace. */
export function builtPdf(workspace: string, folder: string): string {
  const slug = path.basename(folder);
  return path.join(workspace, 'dist', slug, `${slug}.pdf`);
}
