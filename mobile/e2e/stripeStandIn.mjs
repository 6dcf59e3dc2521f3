// A local stand-in for Stripe in the browser end-to-end run (there is no stripe-mock here and no network to
// Stripe): it answers the backend's server-side calls with the JSON shapes of Stripe's API reference (the same
// shapes as app/src/test/.../StripeStandIn.java), answers the browser's confirmation the way Stripe.js's
// confirmPayment does, and then plays Stripe's side of the webhook: a `payment_intent.succeeded` event POSTed to
// the backend, signed as Stripe signs (`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t.payload)>`).
import {createHmac, randomUUID} from 'node:crypto';
import http from 'node:http';

export const SECRET_KEY = 'sk_test_51BazaarE2e';
export const PUBLISHABLE_KEY = 'pk_test_51BazaarE2e';
export const WEBHOOK_SECRET = 'whsec_bazaar_e2e_secret';

export function signature(payload, secret, at = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex');
  return `t=${at},v1=${v1}`;
}

function paymentIntent(id, {amount, currency = 'eur', status, metadata = {}}) {
  return {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: status === 'succeeded' ? amount : 0,
    automatic_payment_methods: {enabled: true},
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_e2e`,
    confirmation_method: 'automatic',
    created: Math.floor(Date.now() / 1000),
    currency,
    customer: null,
    description: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata,
    next_action: null,
    payment_method: status === 'succeeded' ? 'pm_card_visa' : null,
    payment_method_types: ['card', 'link'],
    status,
  };
}

function event(type, object) {
  return JSON.stringify({
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    api_version: '2025-04-30.basil',
    created: Math.floor(Date.now() / 1000),
    data: {object},
    livemode: false,
    pending_webhooks: 1,
    request: {id: null, idempotency_key: null},
    type,
  });
}

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Stripe-Version',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
};

/**
 * Starts the stand-in on a free port. `webhookUrl()` is asked at confirmation time (the backend's port is known
 * only once it runs). Returns {apiBase, intents, webhooks, close}.
 */
export async function startStripeStandIn({webhookUrl, log = () => {}}) {
  const intents = new Map();
  const webhooks = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const send = (status, body) => {
      res.writeHead(status, {'Content-Type': 'application/json', 'Request-Id': 'req_e2e', ...cors});
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url, 'http://x').pathname;
    log(`stripe ${req.method} ${path}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    if (req.method === 'POST' && path === '/v1/payment_intents') {
      const orderId = form.get('metadata[orderId]');
      const intent = paymentIntent(`pi_${orderId.replaceAll('-', '')}`, {
        amount: Number(form.get('amount')),
        currency: form.get('currency') ?? 'eur',
        status: 'requires_payment_method',
        metadata: {orderId},
      });
      intents.set(intent.id, intent);
      return send(200, intent);
    }
    let m = path.match(/^\/v1\/payment_intents\/([^/]+)\/confirm$/);
    if (req.method === 'POST' && m) {
      // Stripe.js authenticates with the publishable key and proves the intent with its client secret.
      const intent = intents.get(m[1]);
      if (
        !intent ||
        req.headers.authorization !== `Bearer ${PUBLISHABLE_KEY}` ||
        form.get('client_secret') !== intent.client_secret
      ) {
        return send(404, {
          error: {
            code: 'resource_missing',
            message: `No such payment_intent: '${m[1]}'`,
            type: 'invalid_request_error',
          },
        });
      }
      Object.assign(intent, {
        status: 'succeeded',
        amount_received: intent.amount,
        payment_method: form.get('payment_method'),
      });
      send(200, intent);
      const payload = event('payment_intent.succeeded', intent);
      const answer = await fetch(webhookUrl(), {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Stripe-Signature': signature(payload, WEBHOOK_SECRET)},
        body: payload,
      });
      webhooks.push({type: 'payment_intent.succeeded', intent: intent.id, status: answer.status});
      log(`stripe webhook payment_intent.succeeded -> ${answer.status}`);
      return undefined;
    }
    m = path.match(/^\/v1\/payment_intents\/([^/]+)\/cancel$/);
    if (req.method === 'POST' && m) {
      const intent = intents.get(m[1]) ?? paymentIntent(m[1], {amount: 0, status: 'requires_payment_method'});
      intent.status = 'canceled';
      return send(200, intent);
    }
    return send(404, {
      error: {message: `Unrecognized request URL (${req.method}: ${path})`, type: 'invalid_request_error'},
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBase: `http://127.0.0.1:${server.address().port}`,
    intents,
    webhooks,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
