/** What workspaceIndex.bench.ts (outside VS Code) and measure.ts (inside the extension host) agree on. */

export const INDEX_SAMPLE_MARKER = 'INDEX_SAMPLE ';

export interface IndexSample {
  /** The first full scan: finding, reading and indexing every candidate file. */
  scanMs?: number;
  /** Listing the candidates (ripgrep, or findFiles and git check-ignore). */
  findMs?: number;
  /** CPU time (user + system) the extension host process spent during the scan: on a loaded machine far below scanMs. */
  scanCpuMs?: number;
  /** The longest slice the index itself ran between two yields (wall time, so it includes time the process waited for a CPU). */
  longestSliceMs?: number;
  /** The machine's 1-minute load average when the scan ended. */
  load?: number;
  /** The longest the extension host's event loop was held during the scan (timer drift). */
  longestBlockMs?: number;
  /** The most CPU time the host's thread used in one gap between two ticks (Linux only): the block without the wait for a CPU. */
  longestBlockOnCpuMs?: number;
  files?: number;
  filesWithCalls?: number;
  calls?: number;
  /** Re-indexing one changed file (read + recognise), each of several rounds. */
  refreshMs?: number[];
  /** Heap used after the scan minus before it. */
  heapDeltaBytes?: number;
  error?: string;
}
