// The app's Node backend: every credential comes from the Stripe Secret Store.
// Hover a secret name, or open the Problems panel (Ctrl+Shift+M).
const Stripe = require('stripe');

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

async function secret(name, accountId) {
  const found = await stripe.apps.secrets.find(
    { scope: { type: 'account' }, name, expand: ['payload'] },
    { stripeAccount: accountId },
  );
  return found.payload;
}

async function notifySlack(accountId, text) {
  const slack = await stripe.apps.secrets.find({ scope: { type: 'account' }, name: 'slack_bot_token', expand: ['payload'] }, { stripeAccount: accountId });
  return fetch('https://slack.com/api/chat.postMessage', { method: 'POST', headers: { Authorization: `Bearer ${slack.payload}` }, body: JSON.stringify({ text }) });
}

async function syncContact(accountId, customer) {
  // Not in the demo store yet: the quick fix "Set Secret 'quickbooks_client_secret' in Account scope…" adds it.
  const quickbooks = await stripe.apps.secrets.find({
    scope: { type: 'account' },
    name: 'quickbooks_client_secret',
    expand: ['payload'],
  }, { stripeAccount: accountId });
  const hubspot = await secret('hubspot_client_secret', accountId);
  return { customer: customer.id, quickbooks: Boolean(quickbooks.payload), hubspot: Boolean(hubspot) };
}

module.exports = { notifySlack, syncContact };
