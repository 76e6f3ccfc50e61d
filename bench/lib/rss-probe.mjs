/**
 * Preloaded into a measured child process (`node --import`): at exit, writes the process's peak
 * resident set size (kilobytes, from getrusage) to the file named by MRRCTL_BENCH_RSS_FILE. Only the
 * benchmark loads it; mrrctl itself knows nothing about it.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.MRRCTL_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
