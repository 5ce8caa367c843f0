/**
 * A command's own options, parsed with node's `util.parseArgs` (strict): an
 * option the command does not take, or one without its value, is the CLI's
 * UsageError (exit 2, with the message).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../load/sources.js';

/** Parse `args` as `config` says; a mistake is a UsageError. */
export function parseOwnOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
