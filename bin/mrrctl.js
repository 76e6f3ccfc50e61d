#!/usr/bin/env node
// Thin entry point: everything, including the exit-code mapping, lives in main().
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
