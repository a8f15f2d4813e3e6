// The production tree stands on its own: what ships (services/ and cli/, minus their tests)
// holds no test fixtures and never imports test support or benchmark scripts. Fixtures live in test/fixtures/,
// benchmark scripts in bench/ (STYLE.md, "Converge on one way").
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../test/support/processes.js';

const SHIPPED = ['services', 'cli'].map((dir) => path.join(REPO_ROOT, dir));
const OUTSIDE = ['test', 'bench'].map((dir) => path.join(REPO_ROOT, dir) + path.sep);
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return productionFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Each relative import of a shipped file that resolves into test/ or bench/. */
function strayImports(files: string[]): string[] {
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((match) => match[1])
      .filter((spec) => spec.startsWith('.'))
      .filter((spec) => OUTSIDE.some((dir) => path.resolve(path.dirname(file), spec).startsWith(dir)))
      .map((spec) => `${path.relative(REPO_ROOT, file)} imports ${spec}`),
  );
}

describe('the production tree (services/, cli/)', () => {
  it('holds no test fixtures (testing.ts, testing/) and imports nothing from test/ or bench/', () => {
    const files = SHIPPED.flatMap(productionFiles);
    assert.ok(files.length > 100, `found only ${files.length} files under ${SHIPPED.join(', ')}`);
    assert.deepEqual(files.map((f) => path.relative(REPO_ROOT, f)).filter((f) => /(^|\/)testing(\/|[^/]*\.ts$)/.test(f)), []);
    assert.deepEqual(strayImports(files), []);
  });
});
