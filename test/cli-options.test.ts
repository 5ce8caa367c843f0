/**
 * Each command parses its own options: `--help` on every command prints its
 * usage (exit 0), and an option the command does not take, a missing value,
 * or an argument it does not expect is a usage error (exit 2) that names it,
 * never silently ignored.
 */
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const COMMANDS = [
  ['check', /^Usage: ordinance check \[paths\.\.\.\]/],
  ['build', /^Usage: ordinance build \[paths\.\.\.\]/],
  ['rules', /^Usage: ordinance rules\n/],
  ['xref', /^Usage: ordinance xref <directive-id>/],
  ['amend', /^Usage: ordinance amend <ordinance-dir>/],
  ['import', /^Usage:\n {2}ordinance import dc-code/],
  ['new', /^Usage: ordinance new /],
  ['watch', /^Usage: ordinance watch /],
  ['fmt', /^Usage: ordinance fmt \[paths\.\.\.\] \[--check\]/],
] as const;

describe('--help', () => {
  it.each(COMMANDS)('`%s --help` prints its usage and options, exit 0', (command, usage) => {
    for (const help of ['--help', '-h']) {
      const result = runCli([command, help], ROOT);
      expect(result).toEqual({ code: 0, stdout: expect.stringMatching(usage), stderr: '' });
      expect(result.stdout).toMatch(/^ {2}--debug /m);
    }
  });

  it('names every command in the overview, with how to get its own help', () => {
    const result = runCli(['--help'], ROOT);
    for (const [command] of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^ {2}ordinance ${command} `, 'm'));
    expect(result.stdout).toContain('ordinance <command> --help');
  });

  it.each(COMMANDS.filter(([command]) => command !== 'import'))('`%s --help` lists every option the command takes, and no other', (command) => {
    const refused = runCli([command, '--no-such-option'], ROOT).stderr;
    const taken = /expected one of (.+)\n/.exec(refused)?.[1]?.split(', ');
    expect(taken).toContain('--help');
    const help = runCli([command, '--help'], ROOT).stdout;
    for (const option of taken!) expect(help).toMatch(new RegExp(`^ +(-h, )?${option}\\b`, 'm'));
    expect([...help.matchAll(/^ +(?:-h, )?(--[a-z-]+)/gm)].map((m) => m[1]).sort()).toEqual([...taken!].sort());
  });
});

describe('an option a command does not take', () => {
  it.each([
    [
      ['check', '--out', 'x'],
      /^ordinance: unknown option `--out` for `check`, expected one of --format, --config, --shard, --changed-since, --max-warnings, --quiet, --fix, --help, --debug\nRun 'ordinance check --help' for usage\.\n$/,
    ],
    [['rules', '--format', 'json'], /^ordinance: unknown option `--format` for `rules`, expected one of --help, --debug\n/],
    [['xref', 'ca-values-act', '--write'], /unknown option `--write` for `xref`/],
    [['amend', 'ordinance/x', '--titles', '1'], /unknown option `--titles` for `amend`/],
    [['import', 'dc-law', 'a.xml', 'out', '--titles', '1'], /unknown option `--titles` for `import dc-law`, expected one of --plain, --help, --debug/],
    [['import', 'dc-code', 'xml', 'out', '--plain'], /unknown option `--plain` for `import dc-code`, expected one of --plain-citations, --titles, --quiet, --help, --debug/],
    [['build', '-x'], /unknown option `-x` for `build`/],
  ])('%j exits 2 naming it and what the command takes', (args, message) => {
    const result = runCli([...args], ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('other usage mistakes', () => {
  it.each([
    [['build', '--out'], /^ordinance: --out needs a value\n/],
    [['build', '--out', '--quiet'], /^ordinance: --out needs a value\n/],
    [['build', '--quiet=yes'], /^ordinance: --quiet takes no value\n/],
    [['check', '--max-warnings', 'many'], /^ordinance: --max-warnings takes a whole number, not `many`\n/],
    [['rules', 'extra'], /^ordinance: unexpected argument `extra`: `rules` takes none\n/],
    [['--format', 'json', 'check'], /^ordinance: unexpected option `--format` before the command, expected it after the command/],
    [['import', 'dc-code', 'only-one'], /^ordinance: usage: ordinance import dc-code <xml-dir> <out-dir>\n/],
  ])('%j exits 2 with a message, not a stack trace', (args, message) => {
    const result = runCli([...args], ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes --debug before the command, and a value given with =', () => {
    expect(runCli(['--debug', 'check', 'ordinance/', '--format=json', '--max-warnings=100'], ROOT)).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });
});
