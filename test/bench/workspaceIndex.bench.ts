/**
 * Indexes a generated workspace of 5,000 source files in 6 languages (a few hundred with Secret
 * Store calls) in the real extension host (code-server 4.99.4 = VS Code 1.99.3), and prints the
 * scan time, the longest event-loop block, the re-index time of one changed file and the heap the
 * index added, beside what ripgrep (the one VS Code ships, or /usr/bin/rg) takes just to list the
 * candidate files. Targets: scan <= 3 s, block <= 50 ms, re-index <= 20 ms, memory <= 30 MB.
 *   npm run bench:index            (node out/test/bench/workspaceIndex.bench.js [FILES] [ROUNDS])
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultHostRunOptions, runHostSuite } from '../host/runHostTests';
import { REPO_ROOT } from '../e2e/lib/paths';
import { sourceGlob } from '../../src/workspaceIndex/secretIndex';
import { INDEX_SAMPLE_MARKER, type IndexSample } from './workspaceIndex/protocol';

const LANGUAGES = ['js', 'ts', 'py', 'rb', 'go', 'java'] as const;
type Ext = (typeof LANGUAGES)[number];

/** Ordinary code of a few KB, shaped like each language. */
function ordinary(ext: Ext, i: number): string {
  const lines: string[] = [];
  for (let f = 0; f < 40; f++) {
    switch (ext) {
      case 'js':
      case 'ts':
        lines.push(
          `export function handler${i}_${f}(req, res) {\n  const total = req.items.reduce((sum, item) => sum + item.price * ${f}, 0);\n  return res.json({ total, id: 'order_${i}_${f}' });\n}`,
        );
        break;
      case 'py':
        lines.push(
          `def handler_${i}_${f}(items):\n    total = sum(item["price"] * ${f} for item in items)\n    return {"total": total, "id": "order_${i}_${f}"}\n`,
        );
        break;
      case 'rb':
        lines.push(
          `def handler_${i}_${f}(items)\n  total = items.sum { |item| item[:price] * ${f} }\n  { total: total, id: 'order_${i}_${f}' }\nend`,
        );
        break;
      case 'go':
        lines.push(
          `func Handler${i}_${f}(items []Item) Result {\n\ttotal := 0\n\tfor _, it := range items { total += it.Price * ${f} }\n\treturn Result{Total: total, ID: "order_${i}_${f}"}\n}`,
        );
        break;
      case 'java':
        lines.push(
          `  static Result handler${i}_${f}(List<Item> items) {\n    int total = 0;\n    for (Item it : items) total += it.price * ${f};\n    return new Result(total, "order_${i}_${f}");\n  }`,
        );
        break;
    }
  }
  if (ext === 'java') return `class File${i} {\n${lines.join('\n')}\n}\n`;
  if (ext === 'go') return `package app\n\n${lines.join('\n')}\n`;
  return `${lines.join('\n')}\n`;
}

/** One Secret Store call in the languages whose forms are the same across SDK versions. */
function withCall(ext: Ext, i: number): string {
  const name = `bench_secret_${i % 50}`;
  switch (ext) {
    case 'js':
    case 'ts':
      return `const s${i} = await stripe.apps.secrets.find({scope: {type: 'account'}, name: '${name}'});\n`;
    case 'py':
      return `s${i} = stripe.apps.Secret.find(name="${name}", scope={"type": "account"})\n`;
    case 'rb':
      return `s${i} = Stripe::Apps::Secret.find(name: '${name}', scope: {type: 'account'})\n`;
    case 'go':
    case 'java':
    default:
      return '';
  }
}

export function generate(root: string, files: number): number {
  let withCalls = 0;
  for (let i = 0; i < files; i++) {
    const ext = LANGUAGES[i % LANGUAGES.length];
    const dir = path.join(root, `pkg${i % 50}`, `mod${i % 7}`);
    fs.mkdirSync(dir, { recursive: true });
    const call = i % 10 === 0 ? withCall(ext, i) : '';
    if (call) withCalls++;
    fs.writeFileSync(path.join(dir, `file${i}.${ext}`), call + ordinary(ext, i));
  }
  return withCalls;
}

function ripgrep(): string | undefined {
  const shipped = path.join(
    REPO_ROOT,
    '.vscode-test',
    'code-server-4.99.4',
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'node_modules',
    '@vscode',
    'ripgrep',
    'bin',
    'rg',
  );
  for (const rg of [shipped, '/usr/bin/rg']) if (fs.existsSync(rg)) return rg;
  return undefined;
}

function timeRipgrep(rg: string, root: string): { ms: number; files: number } {
  const started = performance.now();
  const out = spawnSync(rg, ['--files', '--no-ignore-parent', '-g', sourceGlob().replace(/^\*\*\//, ''), root], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  return { ms, files: out.stdout.split('\n').filter((l) => l).length };
}

async function sample(workspace: string): Promise<IndexSample> {
  let found: IndexSample | undefined;
  const code = await runHostSuite({
    ...defaultHostRunOptions(),
    workspace,
    tests: path.join(__dirname, 'workspaceIndex', 'measure.js'),
    timeoutSeconds: 300,
    onLog: (text: string) => {
      const at = text.indexOf(INDEX_SAMPLE_MARKER);
      if (at >= 0) found = JSON.parse(text.slice(at + INDEX_SAMPLE_MARKER.length)) as IndexSample;
    },
  });
  if (!found || found.error) throw new Error(`no index figures (exit ${code}): ${found?.error ?? 'the host reported nothing'}`);
  return found;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const files = Number(process.argv[2] ?? 5000);
  const rounds = Number(process.argv[3] ?? 3);
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-index-bench-'));
  try {
    const withCalls = generate(root, files);
    console.log(`generated ${files} files in ${LANGUAGES.length} languages under ${root}, ${withCalls} with a Secret Store call`);
    const rg = ripgrep();
    const samples: IndexSample[] = [];
    const rgMs: number[] = [];
    let rgFiles = 0;
    for (let i = 0; i < rounds; i++) {
      const s = await sample(root);
      samples.push(s);
      if (rg) {
        const r = timeRipgrep(rg, root);
        rgMs.push(r.ms);
        rgFiles = r.files;
      }
      console.log(
        `round ${i + 1}/${rounds}: scan ${s.scanMs!.toFixed(0)} ms (CPU ${(s.scanCpuMs ?? 0).toFixed(0)} ms, load ${(s.load ?? 0).toFixed(1)}), index slice ${(s.longestSliceMs ?? 0).toFixed(1)} ms, longest block ${s.longestBlockMs!.toFixed(1)} ms (${(s.longestBlockOnCpuMs ?? NaN).toFixed(1)} on a CPU), re-index median ${median(s.refreshMs!).toFixed(2)} ms, heap +${(s.heapDeltaBytes! / 1048576).toFixed(1)} MB${rgMs.length ? `; ripgrep --files ${rgMs[i].toFixed(0)} ms` : ''}`,
      );
    }
    const last = samples[samples.length - 1];
    const col = (label: string, value: string, target: string) => console.log(`  ${label.padEnd(34)}${value.padStart(14)}   ${target}`);
    console.log('');
    console.log(`Workspace index in the real extension host (code-server 4.99.4 / VS Code 1.99.3), median of ${rounds} fresh windows:`);
    console.log(`  ${last.files} candidate files, ${last.filesWithCalls} with calls, ${last.calls} calls`);
    col('full scan', `${median(samples.map((s) => s.scanMs!)).toFixed(0)} ms`, 'target <= 3000 ms');
    col(
      '  of which listing the files',
      `${median(samples.map((s) => s.findMs ?? 0)).toFixed(0)} ms`,
      '(the ripgrep VS Code ships, as its search runs it)',
    );
    col(
      '  CPU time the extension host used',
      `${median(samples.map((s) => s.scanCpuMs ?? 0)).toFixed(0)} ms`,
      `(load average ${median(samples.map((s) => s.load ?? 0)).toFixed(1)} on ${os.cpus().length} cores)`,
    );
    col('ripgrep --files (listing only)', rg ? `${median(rgMs).toFixed(0)} ms` : 'no ripgrep', `baseline (${rgFiles} files)`);
    col(
      'longest event-loop block',
      `${median(samples.map((s) => s.longestBlockMs!)).toFixed(1)} ms`,
      'target <= 50 ms (timer drift: includes waiting for a CPU)',
    );
    col(
      '  of which on a CPU',
      `${median(samples.map((s) => s.longestBlockOnCpuMs ?? NaN)).toFixed(1)} ms`,
      "(the host thread's own run time in its busiest gap; the rest waited for a CPU)",
    );
    col('  longest slice the index ran', `${median(samples.map((s) => s.longestSliceMs ?? 0)).toFixed(1)} ms`, '(yields every 8 ms)');
    col(
      're-index one changed file',
      `${median(samples.flatMap((s) => s.refreshMs!)).toFixed(2)} ms`,
      `target <= 20 ms (max ${Math.max(...samples.flatMap((s) => s.refreshMs!)).toFixed(2)} ms)`,
    );
    col(
      'heap kept by the index (after GC)',
      `${(median(samples.map((s) => s.heapDeltaBytes!)) / 1048576).toFixed(1)} MB`,
      'target <= 30 MB',
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
