// The browser end-to-end run (issue 14): the app's screens rendered by react-native-web (built with Vite) in
// headless Debian Chromium, driven by playwright-core, against the real backend (`app/target/bazaar.jar` on its
// embedded defaults: embedded MongoDB, embedded S3) with a Stripe stand-in that signs its webhooks.
//
//   seller: sign up → pick 2 photos (file input) → uploads through presigned URLs → publish → listing in the feed
//   buyer:  feed → listing → sign up → add to cart → ask the seller → cart → checkout → payment → order PAID
//   admin:  relays the buyer's held message (admin API) → the seller reads it in the inbox
//
// Saves a PNG of every main screen to docs/screenshots/. Prints `N passed, N failed` (one step = one check).
// Usage: `npm run e2e` (mobile/README.md). Builds the backend jar with Maven if it is missing, installs Debian's
// chromium with apt-get if /usr/bin/chromium is missing.
import pWaitFor from 'p-wait-for';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {build, preview} from 'vite';
import {pngFile} from './png.mjs';
import {PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET, startStripeStandIn} from './stripeStandIn.mjs';

const mobile = fileURLToPath(new URL('..', import.meta.url));
const repo = path.resolve(mobile, '..');
const jar = path.join(repo, 'app/target/bazaar.jar');
const shots = path.join(mobile, 'docs/screenshots');
const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const adminEmail = 'admin@e2e.bazaar.test';
const timeout = 60_000;
const started = Date.now();
const log = msg => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

const cleanups = [];
let passed = 0;
let failed = 0;

async function step(name, fn) {
  try {
    await fn();
    passed++;
    log(`ok   ${name}`);
  } catch (e) {
    failed++;
    log(`FAIL ${name}: ${e?.stack ?? e}`);
    throw e;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Polls {@code fn} until it answers something truthy (that value) or {@code ms} pass (p-wait-for). */
async function until(what, fn, ms = timeout) {
  let last;
  return pWaitFor(
    async () => {
      try {
        const value = await fn();
        return value ? pWaitFor.resolveWith(value) : false;
      } catch (e) {
        last = e;
        return false;
      }
    },
    {
      interval: 250,
      timeout: {
        milliseconds: ms,
        fallback: () => {
          throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
        },
      },
    },
  );
}

function ensureChromium() {
  if (existsSync(browserPath)) return;
  log('installing Debian chromium (apt-get)');
  const apt = args =>
    spawnSync('apt-get', args, {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  if (apt(['install', '-y', '--no-install-recommends', 'chromium']).status !== 0) {
    apt(['update']);
    if (apt(['install', '-y', '--no-install-recommends', 'chromium']).status !== 0) {
      throw new Error('could not install chromium with apt-get');
    }
  }
}

function ensureJar() {
  if (existsSync(jar)) return;
  log('building app/target/bazaar.jar (./mvnw package -pl app -am)');
  const r = spawnSync(
    path.join(repo, 'mvnw'),
    ['-B', '-q', 'package', '-DskipTests', '-Dmobile.skip=true', '-pl', 'app', '-am'],
    {cwd: repo, stdio: 'inherit'},
  );
  if (r.status !== 0) throw new Error('backend build failed');
}

async function startBackend({port, origin, stripeApiBase}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-e2e-'));
  cleanups.push(() => rmSync(dataDir, {recursive: true, force: true}));
  const child = spawn('java', ['-jar', jar], {
    cwd: dataDir,
    env: {
      ...process.env,
      SERVER_PORT: String(port),
      BAZAAR_DATA_DIR: dataDir,
      BAZAAR_ADMIN_EMAILS: adminEmail,
      // The web build is served from another origin than the API (a phone app needs no CORS; a browser does).
      BAZAAR_CORS_ALLOWED_ORIGINS: origin,
      STRIPE_API_BASE: stripeApiBase,
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = [];
  child.stdout.on('data', d => out.push(d));
  child.stderr.on('data', d => out.push(d));
  cleanups.push(async () => {
    writeFileSync(path.join(mobile, 'build/e2e-backend.log'), Buffer.concat(out));
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await until(
    'the backend to answer',
    async () => {
      if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}, see build/e2e-backend.log`);
      return (await fetch(`${base}/api/v1/feed?limit=1`)).ok;
    },
    240_000,
  );
  return base;
}

async function api(base, method, route, {token, body} = {}) {
  const res = await fetch(base + route, {
    method,
    headers: {
      ...(token ? {Authorization: `Bearer ${token}`} : {}),
      ...(body ? {'Content-Type': 'application/json'} : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route} -> ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function main() {
  ensureChromium();
  ensureJar();
  mkdirSync(shots, {recursive: true});
  mkdirSync(path.join(mobile, 'build'), {recursive: true});

  log('building the web app (vite + react-native-web)');
  const viteConfig = path.join(mobile, 'e2e/vite.config.mjs');
  await build({configFile: viteConfig});
  const webPort = await freePort();
  const server = await preview({configFile: viteConfig, preview: {host: '127.0.0.1', port: webPort, strictPort: true}});
  cleanups.push(() => server.close());
  const origin = `http://127.0.0.1:${webPort}`;

  const backendPort = await freePort();
  const stripe = await startStripeStandIn({
    webhookUrl: () => `http://127.0.0.1:${backendPort}/api/v1/webhooks/stripe`,
    log,
  });
  cleanups.push(() => stripe.close());
  log('starting the backend');
  const base = await startBackend({port: backendPort, origin, stripeApiBase: stripe.apiBase});
  log(`backend on ${base}, web app on ${origin}, Stripe stand-in on ${stripe.apiBase}`);

  const browser = await chromium.launch({
    executablePath: browserPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  cleanups.push(() => browser.close());

  const openApp = async who => {
    const context = await browser.newContext({viewport: {width: 390, height: 844}, deviceScaleFactor: 1});
    await context.addInitScript(
      cfg => {
        globalThis.__BAZAAR_CONFIG__ = cfg;
      },
      {apiUrl: base, stripeApiBase: stripe.apiBase, analytics: 'none', environment: 'e2e'},
    );
    // The embedded S3 server (s3proxy) sends no CORS headers, which a browser needs for the presigned PUT (a phone
    // does not; a web deployment would set a CORS rule on its bucket). The PUT goes to s3proxy unchanged (method,
    // headers, body: s3proxy still checks the signature, type and length); only the CORS header is added to its
    // answer. Playwright answers the CORS preflight of intercepted requests itself.
    await context.route(
      url => url.pathname.startsWith('/bazaar-media/'),
      async route => {
        const response = await route.fetch();
        await route.fulfill({response, headers: {...response.headers(), 'access-control-allow-origin': origin}});
      },
    );
    const page = await context.newPage();
    page.on('pageerror', e => log(`${who} page error: ${e.message}`));
    page.on('console', m => m.type() === 'error' && log(`${who} console: ${m.text()}`));
    await page.goto(origin);
    return page;
  };
  const visible = loc => loc.filter({visible: true}).first();
  const button = (page, name) => visible(page.getByRole('button', {name, exact: true}));
  const field = (page, label) => visible(page.getByLabel(label, {exact: true}));
  const shot = async (page, name) => {
    // The picture once every image has decoded and no transition is running.
    await page.waitForFunction(
      () =>
        Array.from(globalThis.document.images).every(image => image.complete) &&
        globalThis.document.getAnimations().every(animation => animation.playState !== 'running'),
      undefined,
      {timeout},
    );
    await page.screenshot({path: path.join(shots, `${name}.png`)});
  };
  const signUp = async (page, name, email) => {
    await button(page, 'New here? Create an account').click();
    await field(page, 'Name').fill(name);
    await field(page, 'Email').fill(email);
    await field(page, 'Password').fill('correct horse battery staple');
    await shot(page, '01-sign-up');
    await visible(page.getByTestId('submit-auth')).click();
  };

  const title = 'Denim jacket'; // each run starts on an empty data folder

  // ---------------------------------------------------------------- seller publishes a listing with photos
  const seller = await openApp('seller');
  await step('seller signs up from the Sell tab', async () => {
    await visible(tab(seller, 'tab-sell')).click();
    await signUp(seller, 'Sam Seller', 'sam.seller@e2e.bazaar.test');
    await visible(seller.getByText('Add photos', {exact: true})).waitFor({timeout});
  });
  await step('seller picks two photos and they upload through the presigned URLs', async () => {
    const chooser = seller.waitForEvent('filechooser');
    await button(seller, 'Add photos').click();
    await (
      await chooser
    ).setFiles([pngFile('jacket-front.png', [40, 90, 160]), pngFile('jacket-back.png', [200, 120, 40])]);
    await visible(seller.getByTestId('photo-1')).waitFor({timeout});
    await until('both photos uploaded', async () => (await button(seller, 'Publish').count()) === 1);
  });
  await step('seller fills the form and publishes', async () => {
    await field(seller, 'Title').fill(title);
    await field(seller, 'Description').fill('Worn twice, fits like new.');
    await field(seller, 'Price (EUR)').fill('45.00');
    await field(seller, 'Shipping (empty = free)').fill('4.50');
    await button(seller, 'Clothing').click();
    await button(seller, 'Like new').click();
    await field(seller, 'Size').fill('M');
    await field(seller, 'Brand').fill("Levi's");
    await shot(seller, '05-sell');
    await button(seller, 'Publish').click();
    await visible(seller.getByText('Published!', {exact: false})).waitFor({timeout});
  });
  await step('the published listing is in the feed', async () => {
    await visible(tab(seller, 'tab-feed')).click();
    await until('the listing in the feed', async () => {
      if (await visible(seller.getByRole('button', {name: title})).isVisible()) return true;
      await seller.reload();
      return false;
    });
  });

  // ---------------------------------------------------------------- buyer: feed → listing → cart → pay
  const buyer = await openApp('buyer');
  await step('buyer sees the feed and opens the listing', async () => {
    await visible(buyer.getByRole('button', {name: title})).waitFor({timeout});
    await shot(buyer, '02-feed');
    await visible(buyer.getByRole('button', {name: title})).click();
    await visible(buyer.getByText('Worn twice, fits like new.')).waitFor({timeout});
  });
  await step('buyer signs up from the listing page', async () => {
    await button(buyer, 'Sign in to buy').click();
    await signUp(buyer, 'Bo Buyer', 'bo.buyer@e2e.bazaar.test');
    await visible(buyer.getByTestId('add-to-cart')).waitFor({timeout});
    await shot(buyer, '03-listing');
  });
  await step('buyer adds the listing to the cart', async () => {
    await visible(buyer.getByTestId('add-to-cart')).click();
    await button(buyer, 'In your cart').waitFor({timeout});
  });
  const message = 'Hello! Is the jacket still available?';
  await step('buyer asks the seller; the message waits for review', async () => {
    await button(buyer, 'Ask the seller').click();
    await field(buyer, 'Message').fill(message);
    await button(buyer, 'Send').click();
    // The server streams the sender's own copy (`pending`; its id `<thread>.<n>` has a dot, a queued message's
    // client id has none): it replaces the queued one and must still say so.
    const stored = buyer.locator('[data-testid^="message-"][data-testid*="."]').filter({hasText: message});
    await visible(stored.filter({hasText: 'Waiting for review'})).waitFor({timeout});
    await shot(buyer, '08-chat-buyer');
    await backToTabs(buyer);
  });
  await step('buyer opens the cart and checks out', async () => {
    await visible(tab(buyer, 'tab-cart')).click();
    await visible(buyer.getByText(title)).waitFor({timeout});
    await shot(buyer, '04-cart');
    await visible(buyer.getByTestId('checkout')).click();
    await field(buyer, 'Full name').fill('Bo Buyer');
    await field(buyer, 'Address line 1').fill('1 High Street');
    await field(buyer, 'City').fill('London');
    await field(buyer, 'Postcode').fill('N1 9GU');
    await field(buyer, 'Country').fill('GB');
    await shot(buyer, '06-checkout');
    await visible(buyer.getByTestId('place-order')).click();
  });
  await step('the payment completes (stand-in confirmation + signed webhook) and the order shows PAID', async () => {
    await visible(buyer.getByTestId('checkout-done')).waitFor({timeout});
    if (!stripe.webhooks.some(w => w.status >= 200 && w.status < 300)) {
      await until('the signed webhook accepted', () => stripe.webhooks.some(w => w.status >= 200 && w.status < 300));
    }
    await visible(buyer.getByRole('button', {name: /^Order /})).click();
    await visible(buyer.getByTestId('order-status').filter({hasText: /^Paid$/})).waitFor({timeout});
    await shot(buyer, '07-order-paid');
  });
  await step('buyer sees the order in the Orders tab', async () => {
    await backToTabs(buyer);
    await visible(tab(buyer, 'tab-account')).click();
    await visible(buyer.locator('[data-testid^="order-"]')).waitFor({timeout});
    await shot(buyer, '10-orders');
  });

  // ---------------------------------------------------------------- admin relays, the seller reads
  await step('an admin relays the held message (admin API)', async () => {
    const {accessToken} = await api(base, 'POST', '/api/v1/auth/signup', {
      body: {email: adminEmail, password: 'admin password for e2e', displayName: 'Ada Admin'},
    });
    const pending = await until('the message in the admin queue', async () => {
      const {items} = await api(base, 'GET', '/api/v1/admin/chat/pending', {token: accessToken});
      return items.find(i => i.message.text === message);
    });
    await api(base, 'POST', `/api/v1/admin/chat/messages/${pending.message.id}/relay`, {token: accessToken});
  });
  await step('the seller sees the message in the inbox and the thread', async () => {
    await visible(tab(seller, 'tab-inbox')).click();
    await until('the thread in the inbox', async () => {
      if (await visible(seller.locator('[data-testid^="thread-"]')).isVisible()) return true;
      await seller.reload();
      await visible(tab(seller, 'tab-inbox')).click();
      return false;
    });
    await shot(seller, '09-inbox');
    await visible(seller.locator('[data-testid^="thread-"]')).click();
    await visible(seller.getByText(message)).waitFor({timeout});
    await shot(seller, '11-chat-seller');
  });
}

/** Presses the header's back button until the tab bar shows again. */
async function backToTabs(p) {
  for (let i = 0; i < 5 && !(await p.getByTestId('tab-feed').filter({visible: true}).count()); i++) {
    // On the web the header's back button is a link labelled "Go back" or "<previous title>, back".
    await p.getByLabel(/back$/i).filter({visible: true}).first().click();
    await p.waitForTimeout(400); // the stack's transition
  }
}

function tab(p, testId) {
  return p.getByTestId(testId);
}

try {
  await main();
} catch (e) {
  if (!failed) {
    failed++;
    log(`FAIL setup: ${e?.stack ?? e}`);
  }
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // best effort: the next clean-up must still run
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
