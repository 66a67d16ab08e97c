/** What workspaceIndex.bench.ts (outside VS Code) and measure.ts (inside the extension host) agree on. */

export const INDEX_SAMPLE_MARKER = 'INDEX_SAMPLE ';

export interface IndexSample {
  /** The first full scan: finding, reading and indexing every candidate file. */
  scanMs?: number;
  /** The findFiles (and git check-ignore) part of the scan. */
  findMs?: number;
  /** The longest the extension host's event loop was held during the scan (timer drift). */
  longestBlockMs?: number;
  files?: number;
  filesWithCalls?: number;
  calls?: number;
  /** Re-indexing one changed file (read + recognise), each of several rounds. */
  refreshMs?: number[];
  /** Heap used after the scan minus before it. */
  heapDeltaBytes?: number;
  error?: string;
}
