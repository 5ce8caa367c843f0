#!/usr/bin/env node
// The compiled CLI (npm's prepare step compiles pipeline/ to lib/).
import { main } from '../lib/bin/main.js';

process.exitCode = await main(process.argv.slice(2));
