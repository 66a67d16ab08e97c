// Stands in for web-streams-polyfill in the bundle (see esbuild.mjs): fetch-blob, under node-fetch,
// falls back to it only when Node lacks web streams, and Node 20, which the extension requires, has them.
export * from 'node:stream/web';
