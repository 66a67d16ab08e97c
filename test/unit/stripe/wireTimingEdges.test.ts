import { test } from 'node:test';
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { whenWritten } from '../../../src/stripe/wireTiming';

test('a message on the request-start channel without a request is ignored', async () => {
  let calls = 0;
  await whenWritten(
    () => calls++,
    { method: 'GET', host: '127.0.0.1', path: '/', account: '' },
    async () => {
      const channel = diagnostics.channel('http.client.request.start');
      channel.publish(undefined);
      channel.publish({});
    },
  );
  // A subscriber that throws has it rethrown as an uncaught exception on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls, 0);
});
