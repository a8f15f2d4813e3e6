// `npm run build` step for the web front desk: esbuild bundles web/src/main.ts (and the CSS
// it imports) into content-hashed files under dist/web/assets/, and writes dist/web/index.html
// from web/index.html with those names in. Hashed names let the gateway serve them as
// immutable; the page itself is the one file a browser must ask about again.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = path.join(ROOT, 'web');
const OUT = path.join(ROOT, 'dist', 'web');

export async function buildWeb(): Promise<string[]> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(path.join(OUT, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: path.join(SOURCE, 'src', 'main.ts') },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    entryNames: '[name].[hash]',
    outdir: path.join(OUT, 'assets'),
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((name) => name.endsWith('.js'));
  const style = outputs.find((name) => name.endsWith('.css'));
  if (!script || !style) throw new Error(`build-web: expected a .js and a .css bundle, got ${outputs.join(', ')}`);
  const icon = hashedCopy(path.join(SOURCE, 'favicon.svg'));
  const page = readFileSync(path.join(SOURCE, 'index.html'), 'utf8')
    .replaceAll('{{script}}', `/assets/${script}`)
    .replaceAll('{{style}}', `/assets/${style}`)
    .replaceAll('{{icon}}', `/assets/${icon}`);
  if (/\{\{\w+\}\}/.test(page)) throw new Error('build-web: web/index.html names an asset the build does not make');
  writeFileSync(path.join(OUT, 'index.html'), page);
  return ['index.html', ...[script, style, icon].map((name) => `assets/${name}`)];
}

function hashedCopy(file: string): string {
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 8).toUpperCase();
  const { name, ext } = path.parse(file);
  const hashed = `${name}.${hash}${ext}`;
  copyFileSync(file, path.join(OUT, 'assets', hashed));
  return hashed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildWeb();
  process.stdout.write(`web: ${files.join(', ')}\n`);
}
