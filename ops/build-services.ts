// `npm run build` step after tsc: esbuild bundles each process's dist/services/<name>/main.js,
// with the packages it imports, into one file beside it, dist/services/<name>/main.bundle.js,
// which is what every start runs (ops/stack.ts serviceScript).
//
// Why: loading ~600 small modules (ours, koa, zod, prom-client, got, …) is most of a service's
// start-up: about 350 ms of CPU each, and at ./startup.sh seven processes load at once on the
// same cores. One file loads in half that (all healthy on the seed: 3.1–4.2 s → 1.8–2.0 s on a
// 2-core machine).
//
// The bundle sits in the same folder as main.js on purpose: the two modules that find files
// from their own address (services/shared/version.ts → package.json, services/gateway/
// web-assets.ts → dist/web) are two folders below dist/ in both places, so their paths hold.
// argon2 stays outside: it loads a native addon from its package folder.
import { build, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROCESS_NAMES, REPO_ROOT, serviceScript } from './stack.js';

/** Packages loaded from node_modules as they are, not bundled. */
const EXTERNAL = ['argon2'];

/**
 * One mime-types (and so one mime-db) in each bundle: koa's accepts@1 brings its own
 * mime-types@2 and mime-db beside the mime-types@3 koa and type-is use, and each copy loads
 * its whole database (a 200 KB object) and builds its maps as the process starts, about
 * 25 ms of CPU in every one of the seven. accepts uses it only to read shorthand types given
 * to ctx.accepts() ('json' → application/json), which no service calls; both versions read
 * the common ones alike.
 */
const oneMimeTypes: Plugin = {
  name: 'one-mime-types',
  setup(build) {
    const top = createRequire(path.join(REPO_ROOT, 'package.json')).resolve('mime-types');
    build.onResolve({ filter: /^mime-types$/ }, () => ({ path: top }));
  },
};

export async function buildServices(): Promise<string[]> {
  const entryPoints = PROCESS_NAMES.map((name) => ({
    in: path.join(REPO_ROOT, 'dist', 'services', name, 'main.js'),
    out: path.relative(path.join(REPO_ROOT, 'dist'), serviceScript(name)).replace(/\.js$/, ''),
  }));
  await build({
    entryPoints,
    outdir: path.join(REPO_ROOT, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    plugins: [oneMimeTypes],
    // CommonJS packages inside an ES module bundle call require() (for node:* and each
    // other); an ES module has none, so the bundle makes one.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    // Whole-syntax minifying only: identifiers keep their names, so stack traces and CPU
    // profiles stay readable.
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return entryPoints.map((e) => `${e.out}.js`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildServices();
  process.stdout.write(`services: ${files.length} bundles (${files[0]}, …)\n`);
}
