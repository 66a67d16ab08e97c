// Bundles the extension: `vscode` stays external (the host provides it), everything else (stripe,
// node-fetch, our code) is inlined so the .vsix ships no node_modules. The emulator server is a file
// of its own (dist/emulatorServer.js), loaded only when Start Local Emulator runs.
import * as esbuild from 'esbuild';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** The most dist/extension.js may weigh minified (issue 7); a production build above it fails. */
const EXTENSION_BUDGET_BYTES = 370_000;
const EMULATOR_INDEX = path.resolve('src/emulator/index.ts');

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

/** `require('../emulator')` in the extension becomes a require of the emulator's own bundle next to it. */
const emulatorApart = {
  name: 'emulator-apart',
  setup(build) {
    build.onResolve({ filter: /\/emulator$/ }, async (args) => {
      if (args.kind !== 'require-call' || args.pluginData === 'apart' || args.importer.startsWith(path.dirname(EMULATOR_INDEX))) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'apart' });
      return resolved.path === EMULATOR_INDEX ? { path: './emulatorServer.js', external: true } : resolved;
    });
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
  plugins: [webStreamsShim, emulatorApart],
};

const options = {
  ...shared,
  entryPoints: { extension: 'src/extension.ts', emulatorServer: 'src/emulator/index.ts', emulator: 'src/emulator/cli.ts' },
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  const result = await esbuild.build(options);
  const failures = [];
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (!out.entryPoint) continue;
    console.log(`${file}: ${(out.bytes / 1024).toFixed(1)} KiB (${out.bytes.toLocaleString('en-US')} bytes${production ? ', minified' : ''})`);
    if (file === 'dist/extension.js') {
      const inputs = Object.keys(out.inputs);
      if (inputs.some((i) => i.includes('node_modules/web-streams-polyfill'))) failures.push('dist/extension.js bundles web-streams-polyfill again.');
      if (inputs.some((i) => i.endsWith('src/emulator/server.ts'))) failures.push('dist/extension.js bundles the emulator server: load it with require(\'../emulator\') only when it starts.');
      if (production && out.bytes > EXTENSION_BUDGET_BYTES) failures.push(`dist/extension.js is ${out.bytes} bytes, over its budget of ${EXTENSION_BUDGET_BYTES}.`);
    }
  }
  if (failures.length > 0) {
    for (const f of failures) console.error(`esbuild.mjs: ${f}`);
    process.exit(1);
  }
}
