/**
 * The import graph of src/: no cycle anywhere, and services.ts (which every command imports) takes
 * nothing from the layers above it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../e2e/lib/paths';

const SRC = path.join(REPO_ROOT, 'src');

function importGraph(withTypes = false): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) graph.set(path.relative(SRC, file), importsOf(file, withTypes));
    }
  };
  walk(SRC);
  return graph;
}

/** Runtime imports: an `import type` is erased, so a cycle through one is harmless (services.ts is checked with them). */
function importsOf(file: string, withTypes = false): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  // Statements may span lines (a formatter wraps long import lists); dynamic imports are runtime.
  const statements = [...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s*)?'(\.[^']+)'/gm)].map((m) => ({
    type: m[1] !== undefined,
    spec: m[2],
  }));
  const dynamic = [...text.matchAll(/\bimport\(\s*'(\.[^']+)'/g)].map((m) => ({ type: false, spec: m[1] }));
  for (const m of [...statements, ...dynamic]) {
    if (m.type && !withTypes) continue;
    const target = path.join(path.dirname(file), m.spec);
    for (const candidate of [`${target}.ts`, path.join(target, 'index.ts')]) {
      if (fs.existsSync(candidate)) {
        out.push(path.relative(SRC, candidate));
        break;
      }
    }
  }
  return out;
}

/** A cycle as a list of files, or undefined (depth-first search with an on-path set). */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = onPath.indexOf(file);
    if (at >= 0) return [...onPath.slice(at), file];
    if (done.has(file)) return undefined;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

test('no import cycle in src/ (at run time)', () => {
  const cycle = findCycle(importGraph());
  assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' → ')}`);
});

test('services.ts imports only constants and the plain-Node types below it', () => {
  const imports = importGraph(true).get('services.ts') ?? [];
  const allowed = (file: string) => file === 'constants.ts' || /^(model|stripe|references)\/types\.ts$/.test(file);
  assert.deepEqual(
    imports.filter((f) => !allowed(f)),
    [],
  );
});

test('the test API type is imported only by extension.ts', () => {
  const importers = [...importGraph(true)].filter(([, deps]) => deps.includes('testApi.ts')).map(([file]) => file);
  assert.deepEqual(importers, ['extension.ts']);
});
