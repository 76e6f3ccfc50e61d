import { it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { contractRuns, dumpRuns } from './json-contract-runs.js';
it('dump', async () => {
  const { runs, stop } = await contractRuns();
  mkdirSync('/tmp/json-dumps', { recursive: true });
  dumpRuns(runs, '/tmp/json-dumps');
  await stop();
}, 300_000);
