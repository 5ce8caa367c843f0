/**
 * Each command parses its own options with node's `util.parseArgs`, strictly:
 * an option the command does not take, a value missing or given to a switch,
 * or an argument it does not expect is a usage error (exit 2), never ignored.
 * `--help` (and `-h`) prints the command's usage on every command.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../report/failure.js';
import { FORMATS, type Format } from './format.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** What a command takes: its usage text, its options (beside --help and --debug), and whether it takes arguments. */
export interface CommandSpec<O extends OptionSpecs> {
  /** The command as typed, for messages: `check`, `import dc-code`. */
  name: string;
  usage: string;
  options: O;
  /** Whether it takes arguments (paths, ids) beside its options. */
  positionals: boolean;
}

/** Options every command takes. */
const EVERY_COMMAND = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies OptionSpecs;

/** The options of the commands that report diagnostics. */
export const REPORT_OPTIONS = {
  format: { type: 'string' },
  config: { type: 'string' },
} as const satisfies OptionSpecs;

/** The usage lines of REPORT_OPTIONS, for the commands' help. */
export const REPORT_USAGE = `  --format <f>        compact (default: path:line:col: severity message [rule-id]),
                      human, json, github (GitHub Actions annotations),
                      sarif (SARIF 2.1.0, for code-scanning upload)
  --config <file>     project configuration (default: ordinance.config.json
                      in the sources' folder or the nearest above it)`;

/** The usage line of --debug and --help, closing every command's help. */
export const COMMON_USAGE = `  --debug             show the stack trace of an internal error (also ORDINANCE_DEBUG=1)
  -h, --help          show this help`;

/** The value parseArgs gives an option of this spec. */
type ValueOf<S> = S extends { type: 'string'; multiple: true } ? string[] : S extends { type: 'string' } ? string : S extends { multiple: true } ? boolean[] : boolean;

/** A command's parsed options: each one's value, undefined when not given. */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> } & { help?: boolean; debug?: boolean };

/**
 * Parse a command's arguments; null when --help was asked for (its usage is
 * then printed to stdout). Throws UsageError for anything it does not take.
 */
export function parseCommand<O extends OptionSpecs>(spec: CommandSpec<O>, argv: string[]): { values: OptionValues<O>; positionals: string[] } | null {
  const options = { ...spec.options, ...EVERY_COMMAND };
  let parsed: { values: OptionValues<O>; positionals: string[] };
  try {
    // The cast is safe: parseArgs gives each option the type its spec names, which is what OptionValues says.
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true }) as unknown as { values: OptionValues<O>; positionals: string[] };
  } catch (error) {
    throw new UsageError(usageMessage(spec, error as Error & { code?: string }));
  }
  if (parsed.values.help) {
    process.stdout.write(spec.usage);
    return null;
  }
  if (!spec.positionals && parsed.positionals.length > 0) throw new UsageError(`unexpected argument \`${parsed.positionals[0]}\`: \`${spec.name}\` takes none`);
  return { values: parsed.values, positionals: parsed.positionals };
}

/** parseArgs' error, said as the CLI says things: what is wrong, and what is expected. */
function usageMessage(spec: CommandSpec<OptionSpecs>, error: Error & { code?: string }): string {
  const quoted = /'(-[^' ]*)/.exec(error.message)?.[1];
  const flag = quoted ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const taken = Object.keys({ ...spec.options, ...EVERY_COMMAND }).map((name) => `--${name}`);
      return `unknown option \`${flag}\` for \`${spec.name}\`, expected one of ${taken.join(', ')}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message) ? `${flag} takes no value` : `${flag} needs a value`;
    default:
      return error.message;
  }
}

/** The --format value, checked. */
export function formatOption(value: string | undefined): Format {
  if (value === undefined) return 'compact';
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format \`${value}\`, expected one of ${FORMATS.join(', ')}`);
  return value as Format;
}

/** A whole-number option's value (`--max-warnings 0`), checked; null when not given. */
export function wholeNumberOption(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not \`${value}\``);
  return Number(value);
}
