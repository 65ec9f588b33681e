// Runs every benchmark in bench/ (each module exporting `run`) and prints each figure next to the
// baseline it measured in the same run, with their ratio. `npm run bench`; BENCH_ONLY=name runs one.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatResult, type Benchmark } from './lib/bench-result.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.env['BENCH_ONLY'];
const files = readdirSync(here).filter((name) => name.endsWith('.ts') && name !== 'run.ts' && (!only || name === `${only}.ts`));

for (const file of files.sort()) {
  const module = (await import(pathToFileURL(`${here}${file}`).href)) as { run?: Benchmark };
  if (typeof module.run !== 'function') continue;
  console.log(`# ${file}`);
  for (const result of await module.run()) console.log(formatResult(result));
}
