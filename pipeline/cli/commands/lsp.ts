/** `ordinance lsp`: the language server, over stdio, for any editor that speaks the Language Server Protocol. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serveLanguage } from '../../lsp/server.js';
import { parseCommand } from '../options.js';

const USAGE = `Usage: ordinance lsp [--stdio]

Serve the Language Server Protocol on standard input and output, for an
editor to start: the findings of \`ordinance check\` as you type, hover over a
citation or a reference, go to definition, find references, the outline of a
section, and completion of directive ids, section ids and front-matter values.
The editor starts it; it runs until the editor asks it to exit.

Options:
  --stdio   speak over standard input and output (the default; editors pass it)
`;

/** Serve until the client exits; returns the exit code the protocol's exit gives. */
export async function runLsp(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'lsp', usage: USAGE, options: { stdio: { type: 'boolean' } }, positionals: false }, argv);
  if (!parsed) return 0;
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  serveLanguage(connection);
  // The protocol's exit notification ends the process (vscode-languageserver exits it); until then, serve.
  await new Promise<never>(() => {});
  return 0;
}
