/**
 * Prints figures, asserts nothing: the time to find the Secret Store references and hard-coded keys
 * of a 5,000-line file (what the editor computes before it sets a document's diagnostics), next to
 * a baseline: one plain regular-expression pass over the same text, which knows no comments or
 * strings. Run with `npm run bench:references`.
 *
 * The files are generated: ordinary code, comments, strings and one Secret Store call every 25
 * lines (some split across lines), in TypeScript and in Python. Each figure is the median of 30
 * runs after 5 warm-up runs, in one Node process.
 */
import { findCredentials } from '../../src/references/credentials';
import { findReferences } from '../../src/references/registry';

const LINES = 5000;
const RUNS = 30;
const WARMUP = 5;

function typescriptFile(): string {
  const out: string[] = [];
  for (let i = 0; out.length < LINES; i++) {
    out.push(
      `// handler ${i}: stripe.apps.secrets.find is called below`,
      `export async function handler${i}(req: Request, accountId: string): Promise<Response> {`,
      `  const label = "secret number ${i}: don't log it";`,
      `  const re = /find\\('x${i}'\\)/g;`,
      `  const total = [1, 2, 3].map((n) => n * ${i}).reduce((a, b) => a + b, 0);`,
      i % 2 === 0
        ? `  const secret = await stripe.apps.secrets.find({scope: {type: 'account'}, name: 'secret_${i}', expand: ['payload']}, {stripeAccount: accountId});`
        : `  const secret = await stripe.apps.secrets\n    .find({\n      name: "secret_${i}",\n      scope: { type: 'user', user: req.headers.get('x-user') ?? '' },\n    });`,
      `  if (!secret.payload) throw new Error(\`missing \${label} \${total}\`);`,
      `  return new Response(JSON.stringify({ ok: true, re: re.source }));`,
      `}`,
      ...Array.from({ length: 14 }, (_, k) => `const value${i}_${k} = computeSomething(${k}, 'text ${k}', { nested: [${k}, ${k + 1}] });`),
    );
  }
  return out.slice(0, LINES).join('\n');
}

function pythonFile(): string {
  const out: string[] = [];
  for (let i = 0; out.length < LINES; i++) {
    out.push(
      `# handler ${i}: stripe.apps.Secret.find is called below`,
      `def handler_${i}(account_id, user_id):`,
      `    """Docstring that mentions stripe.apps.Secret.find(name="not_me")."""`,
      `    label = f"secret number {account_id}"`,
      i % 2 === 0
        ? `    secret = stripe.apps.Secret.find(name="secret_${i}", scope={"type": "account"}, expand=["payload"])`
        : `    secret = stripe.apps.Secret.find(\n        name='secret_${i}',\n        scope={"type": "user", "user": user_id},\n    )`,
      `    return secret.payload, label`,
      ``,
      ...Array.from({ length: 17 }, (_, k) => `value_${i}_${k} = compute_something(${k}, "text ${k}", {"nested": [${k}, ${k + 1}]})`),
    );
  }
  return out.slice(0, LINES).join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Each run gets a different text (as each edit does), so the scanner's one-entry memo never answers. */
function time(text: string, run: (text: string) => number): { ms: number; count: number } {
  let count = 0;
  for (let i = 0; i < WARMUP; i++) count = run(`${text}\n// warm-up ${i}`);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const variant = Buffer.from(`${text}\n// run ${i}`).toString();
    const start = performance.now();
    count = run(variant);
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), count };
}

const BASELINES: Record<string, RegExp> = {
  typescript: /secrets\s*\.find\(\{[^}]*?name:\s*['"]([^'"]*)['"]/g,
  python: /Secret\.find\([^)]*?name=['"]([^'"]*)['"]/g,
};

console.log(`references bench: ${LINES}-line files, median of ${RUNS} runs (Node ${process.version})`);
console.log('language     recognisers+keys  references  | baseline regex  matches');
for (const [languageId, text] of [
  ['typescript', typescriptFile()],
  ['python', pythonFile()],
] as const) {
  const ours = time(text, (t) => findReferences(t, languageId).length + findCredentials(t, languageId).length);
  const baseline = time(text, (t) => [...t.matchAll(BASELINES[languageId])].length);
  console.log(
    `${languageId.padEnd(12)} ${ours.ms.toFixed(2).padStart(10)} ms ${String(ours.count).padStart(11)}   | ${baseline.ms.toFixed(2).padStart(11)} ms ${String(baseline.count).padStart(8)}`,
  );
}
console.log('The baseline also matches calls inside comments and docstrings, and misses calls split across lines.');
