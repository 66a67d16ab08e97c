/** What activation.bench.ts (outside VS Code) and measure.ts (inside the extension host) agree on. */

/** The id of the extension measure.ts activates, handed to the extension host through its environment. */
export const BENCH_EXTENSION_ENV = 'STRIPE_SECRETS_BENCH_EXTENSION';

/** measure.ts logs this marker followed by an ActivationSample as JSON. */
export const SAMPLE_MARKER = 'ACTIVATION_SAMPLE ';

export interface ActivationSample {
  /** From calling Extension.activate() until it resolved: loading the main file, then activate() itself. */
  ms?: number;
  error?: string;
}
