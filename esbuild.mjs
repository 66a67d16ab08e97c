// Bundles the extension: `vscode` stays external (the host provides it), everything else (stripe,
// node-fetch, our code) is inlined so the .vsix ships no node_modules. Two parts are files of their
// own, required only when first needed, so activation neither parses nor evaluates them: the Stripe
// client with the SDK (dist/stripeClient.js, at the first request) and the emulator server
// (dist/emulatorServer.js, when Start Local Emulator runs). The value editor's page is a second,
// browser build (dist/webview/valueEditor.js), loaded by the webview.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** The most dist/extension.js may weigh minified (issue 7); a production build above it fails. */
const EXTENSION_BUDGET_BYTES = 370_000;
/** Entry name -> the module that becomes it; a `require()` of that module from elsewhere loads the file. */
const APART = { emulatorServer: path.resolve('src/emulator/index.ts'), stripeClient: path.resolve('src/connections/clientFactory.ts') };

/**
 * fetch-blob falls back to web-streams-polyfill (59 KB) only when Node lacks web streams; Node 20
 * has them, so the bundle gets a one-line shim that hands out Node's own.
 */
const webStreamsShim = {
  name: 'web-streams-shim',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, () => ({ path: path.resolve('scripts/shims/webStreamsPolyfill.ts') }));
  },
};

/** `require('../emulator')` (a lazy require in our code) becomes a require of that part's own file next to the bundle. */
const apart = {
  name: 'apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.kind !== 'require-call' || args.pluginData === 'apart') return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'apart',
      });
      const entry = Object.entries(APART).find(([, file]) => file === resolved.path)?.[0];
      return entry === undefined ? resolved : { path: `./${entry}.js`, external: true };
    });
  },
};

/**
 * esbuild gives every file that does `import * as vscode from 'vscode'` its own copy of the API
 * object's properties (43 copies, each hundreds of getters, made while activation waits). Routed
 * through one module that re-exports it, the bundle copies them once.
 */
const oneVscode = {
  name: 'one-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'one-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'one-vscode' },
    );
    build.onLoad({ filter: /.*/, namespace: 'one-vscode' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const shared = {
  bundle: true,
  outdir: 'dist',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  metafile: true,
  plugins: [webStreamsShim, apart, oneVscode],
};

const options = {
  ...shared,
  entryPoints: { extension: 'src/extension.ts', ...APART, emulator: 'src/emulator/cli.ts' },
};

/**
 * The value editor's page runs in the webview, a browser: one self-contained script. Its source map
 * is inline in development builds, so the webview's developer tools show src/webview/ without
 * loading a second file; production (the .vsix) has none.
 */
const webviewOptions = {
  bundle: true,
  entryPoints: { 'webview/valueEditor': 'src/webview/valueEditor/main.ts' },
  outdir: 'dist',
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: production,
  sourcemap: production ? false : 'inline',
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  metafile: true,
};

/** The markers and error lines the watch task's problem matcher reads (.vscode/tasks.json). */
const watchReport = {
  name: 'watch-report',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const m of [...result.errors, ...result.warnings]) {
        const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}` : 'esbuild.mjs:1:1';
        console.log(`${where}: ${result.errors.includes(m) ? 'error' : 'warning'}: ${m.text}`);
      }
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  for (const build of [options, webviewOptions]) {
    const ctx = await esbuild.context({ ...build, plugins: [...(build.plugins ?? []), watchReport] });
    await ctx.watch();
  }
} else {
  const results = await Promise.all([esbuild.build(options), esbuild.build(webviewOptions)]);
  const failures = [];
  for (const [file, out] of results.flatMap((result) => Object.entries(result.metafile.outputs))) {
    if (!out.entryPoint) continue;
    console.log(
      `${file}: ${(out.bytes / 1024).toFixed(1)} KiB (${out.bytes.toLocaleString('en-US')} bytes${production ? ', minified' : ''})`,
    );
    const inputs = Object.keys(out.inputs);
    if (inputs.some((i) => i.includes('node_modules/web-streams-polyfill'))) failures.push(`${file} bundles web-streams-polyfill again.`);
    const vscodeCopies = fs.readFileSync(file, 'utf8').split('require("vscode")').length - 1;
    if (vscodeCopies > 1)
      failures.push(
        `${file} requires vscode ${vscodeCopies} times: the one-vscode plugin no longer routes every import through one module.`,
      );
    if (file === 'dist/extension.js') {
      if (inputs.some((i) => i.endsWith('src/emulator/server.ts')))
        failures.push("dist/extension.js bundles the emulator server: load it with require('../emulator') only when it starts.");
      if (inputs.some((i) => i.includes('node_modules/stripe/')))
        failures.push(
          "dist/extension.js bundles the Stripe SDK: load it with require('./connections/clientFactory') when the first client is made.",
        );
      if (production && out.bytes > EXTENSION_BUDGET_BYTES)
        failures.push(`dist/extension.js is ${out.bytes} bytes, over its budget of ${EXTENSION_BUDGET_BYTES}.`);
    }
  }
  if (failures.length > 0) {
    for (const f of failures) console.error(`esbuild.mjs: ${f}`);
    process.exit(1);
  }
}
