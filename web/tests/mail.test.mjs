// Reply e-mails end to end, in headless Chromium against a real `palabre serve` that sends to a
// real SMTP server (tests/smtp/smtp_sink.py, aiosmtpd): the widget's option (offered only when
// the server can mail, the address then required), the confirmation mail and its link, the
// reply mail with its one-click unsubscribe headers, and the unsubscribe as a mail client does
// it (RFC 8058), after which replies are no longer mailed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, WEB } from './harness.mjs';

const SINK = join(WEB, '..', 'tests', 'smtp', 'smtp_sink.py');
const PYTHON = process.env.PALABRE_PYTHON || '/usr/bin/python3';
const FROM = 'commentaires@lejournal.example';
const OPTION = 'Me prévenir des réponses par e-mail';
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// The SMTP sink in a temporary folder: resolves once it prints its port.
async function startSink() {
  const dir = await mkdtemp(join(tmpdir(), 'palabre-smtp-'));
  const proc = spawn(PYTHON, [SINK, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((ok, ko) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => ko(new Error(`smtp_sink.py did not start:\n${out}\n${err}`)), 15000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(+m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`smtp_sink.py exited with ${code}:\n${out}\n${err}`));
    });
  });
  return {
    port,
    // Every message received so far, in order (DIR/N.json, written whole then renamed).
    async mails() {
      const names = (await readdir(dir)).filter((f) => /^\d+\.json$/.test(f));
      names.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
      return Promise.all(names.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8'))));
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((ok) => (proc.exitCode !== null ? ok() : proc.once('exit', ok)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// A header of a received message, whatever its case.
function header(mail, name) {
  const k = Object.keys(mail.headers).find((h) => h.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : mail.headers[k];
}

// A POST of a form body from Node, as a mail client makes the one-click unsubscribe (RFC 8058):
// no Origin, no cookie, nothing but the body.
function postForm(url, body) {
  return new Promise((ok, ko) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => ok({ status: res.statusCode, text }));
      },
    );
    req.on('error', ko);
    req.end(body);
  });
}

const mainForm = (page) => page.locator('#palabre form.f:not(.rf):not(.ef)');

describe('reply e-mails', () => {
  let sink;
  let env;
  before(async () => {
    sink = await startSink();
    // --mail-interval-minutes 0: every reply is mailed at once, so that only the unsubscribe
    // can be what stops the mails at the end (the default would hold the second one back).
    env = await start({
      serveArgs: (url) => [
        '--smtp', `smtp://127.0.0.1:${sink.port}`,
        '--mail-from', FROM,
        '--public-url', url,
        '--mail-interval-minutes', '0',
      ],
    });
  });
  after(async () => {
    if (env) await env.stop();
    if (sink) await sink.stop();
  });

  // The messages to `to`; with `n`, waits (up to 10 s) until there are at least n of them.
  async function mailsTo(to, n = 0) {
    const deadline = Date.now() + 10000;
    for (;;) {
      const list = (await sink.mails()).filter((m) => m.rcpt_tos.includes(to));
      if (list.length >= n) return list;
      if (Date.now() > deadline) assert.fail(`${list.length} of ${n} mails to ${to} after 10 s`);
      await sleep(100);
    }
  }

  // Posts with the widget's form `f`; resolves with the request's JSON body and the answer.
  async function publish(page, f, { text, name, email, notify }) {
    await f.getByLabel(/^Votre (commentaire|réponse)/).fill(text);
    await f.getByLabel('Votre nom').fill(name);
    if (email !== undefined) await f.getByLabel(/^E-mail/).fill(email);
    if (notify) await f.getByLabel(OPTION).check();
    const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/comments$/.test(r.url()));
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/comments$/.test(r.url()));
    await f.getByRole('button', { name: 'Publier' }).click();
    const res = await answer;
    return { body: (await sent).postDataJSON(), status: res.status(), data: await res.json() };
  }

  test('the option is offered under the e-mail field, and needs the address', async () => {
    const key = env.key('option');
    const page = await env.open(key);
    const f = mainForm(page);
    await f.getByLabel('Votre commentaire').focus();
    const box = f.getByLabel(OPTION);
    assert.equal(await box.getAttribute('type'), 'checkbox');
    assert.equal(await box.isChecked(), false, 'not checked by default');
    // The hint is the box's description: nothing goes out before the address is confirmed.
    const hint = await box.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby')).textContent);
    assert.match(hint, /confirm/);
    assert.match(hint, /clic/);
    // Checked without an address: nothing is sent, the e-mail field says why.
    let posted = 0;
    page.on('request', (r) => r.method() === 'POST' && posted++);
    await f.getByLabel('Votre commentaire').fill('Les routes de Kayes sont enfin refaites.');
    await f.getByLabel('Votre nom').fill('Awa');
    await box.check();
    assert.equal(await f.getByLabel(/^E-mail/).evaluate((el) => el.required), true, 'the address becomes required');
    await f.getByRole('button', { name: 'Publier' }).click();
    const email = f.getByLabel(/^E-mail/);
    await page.waitForFunction(() => {
      const root = document.getElementById('palabre').shadowRoot;
      return root.activeElement && root.activeElement.type === 'email';
    });
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await f.locator('.st').textContent(), 'Indiquez votre e-mail pour recevoir les réponses.');
    assert.equal(posted, 0, 'nothing was sent');
    await page.context().close();

    // In English.
    const en = await env.open(key, { lang: 'en' });
    await mainForm(en).getByLabel('Your comment').focus();
    await mainForm(en).getByLabel('Email me when someone replies').waitFor();
    assert.deepEqual(en.errors, []);
    await en.context().close();
  });

  test('subscribe, confirm, get a reply by e-mail, unsubscribe in one click', async () => {
    const key = env.key('mail');
    const A = 'awa.traore@lecteurs.example';
    const api = env.api;

    // 1. Reader A posts with the option: a confirmation mail, said in the status line.
    const pageA = await env.open(key);
    const first = await publish(pageA, mainForm(pageA), {
      text: 'Le prix du riz a doublé à Bamako depuis janvier.',
      name: 'Awa',
      email: A,
      notify: true,
    });
    assert.equal(first.status, 201, JSON.stringify(first.data));
    assert.equal(first.body.notify_email, A);
    assert.equal(first.data.notify, 'confirm_sent');
    const line = mainForm(pageA).locator('.st');
    assert.match(await line.textContent(), /Un e-mail de confirmation vous a été envoyé : ouvrez son lien pour recevoir les réponses\./);
    const idA = first.data.comment.id;
    const [confirmation] = await mailsTo(A, 1);
    assert.deepEqual(confirmation.rcpt_tos, [A]);
    assert.match(confirmation.from, new RegExp(FROM.replace(/\./g, '\\.')));
    const link = new RegExp(`${api.replace(/[.:/]/g, '\\$&')}/mail/confirm/[^\\s<>"]+`).exec(confirmation.text);
    assert.ok(link, `a confirmation link in the text:\n${confirmation.text}`);

    // 2. The link, opened in the browser, confirms the address.
    const confirmPage = await pageA.context().newPage();
    const opened = await confirmPage.goto(link[0]);
    assert.equal(opened.status(), 200);
    assert.match(await confirmPage.locator('body').textContent(), /Adresse confirmée|Address confirmed/);
    await confirmPage.close();

    // Posting again with the confirmed address: no new mail, the replies will come.
    const again = await publish(pageA, mainForm(pageA), {
      text: 'Et celui du mil suit la même pente.',
      name: 'Awa',
      notify: true,
    });
    assert.equal(again.data.notify, 'confirmed');
    await line.filter({ hasText: 'Vous recevrez les réponses à ce commentaire par e-mail.' }).waitFor();

    // 3. Reader B replies to A's first comment: A gets a mail with the reply and the
    // unsubscribe headers.
    const pageB = await env.open(key);
    const reply = async (text) => {
      const li = pageB.locator(`#palabre #c${idA}`);
      await li.getByRole('button', { name: 'Répondre Awa' }).click();
      const r = await publish(pageB, li.locator('form.rf'), { text, name: 'Bakary' });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      assert.equal(r.data.notify, undefined, 'not asked for: not answered');
      await li.locator('form.rf').waitFor({ state: 'detached' });
    };
    const replyText = 'Pas à Kayes, les prix y baissent.';
    await reply(replyText);
    const mails = await mailsTo(A, 2);
    assert.equal(mails.length, 2, 'the confirmation and one reply mail');
    const mailed = mails[1];
    assert.deepEqual(mailed.rcpt_tos, [A]);
    assert.ok(mailed.text.includes(replyText), `the reply in the text:\n${mailed.text}`);
    const unsubscribe = /^<([^>]+)>$/.exec(header(mailed, 'List-Unsubscribe') || '');
    assert.ok(unsubscribe, `List-Unsubscribe: ${header(mailed, 'List-Unsubscribe')}`);
    assert.ok(unsubscribe[1].startsWith(`${api}/mail/unsubscribe/`), unsubscribe[1]);
    assert.equal(header(mailed, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');

    // 4. The unsubscribe link opened in a browser shows a button and changes nothing (link
    // checkers and mail scanners open links): the next reply is still mailed.
    const unsubscribePage = await pageA.context().newPage();
    const shown = await unsubscribePage.goto(unsubscribe[1]);
    assert.equal(shown.status(), 200);
    assert.ok((await unsubscribePage.getByRole('button').count()) >= 1, 'a button');
    assert.equal(await unsubscribePage.locator('form').getAttribute('method').then((m) => m && m.toLowerCase()), 'post');
    await unsubscribePage.close();
    await reply('Et à Ségou aussi, dit-on.');
    assert.equal((await mailsTo(A, 3)).length, 3, 'still subscribed after the GET');
    // Then the one click of the mail client.
    const done = await postForm(unsubscribe[1], 'List-Unsubscribe=One-Click');
    assert.equal(done.status, 200, done.text);

    // 5. B's next reply is not mailed (the sender polls every second: 4 s is plenty).
    const total = (await sink.mails()).length;
    await reply('Les commerçants de Sikasso le confirment.');
    await sleep(4000);
    assert.equal((await mailsTo(A)).length, 3, 'no mail after the unsubscribe');
    assert.equal((await sink.mails()).length, total, 'no mail at all');
    assert.deepEqual(pageA.errors, []);
    assert.deepEqual(pageB.errors, []);
    await pageA.context().close();
    await pageB.context().close();
  });

  test('a reply with the option: the note under the reply; one confirmation an hour', async () => {
    const key = env.key('pending');
    const C = 'coumba@lecteurs.example';
    const parent = await env.post(key, { author: 'Moussa', text: 'La saison des pluies arrive tôt cette année.' });
    const page = await env.open(key);
    const li = page.locator(`#palabre #c${parent.comment.id}`);
    const replyWith = async (text, email) => {
      await li.getByRole('button', { name: 'Répondre Moussa' }).click();
      const r = await publish(page, li.locator('form.rf'), { text, name: 'Coumba', email, notify: true });
      await li.locator('form.rf').waitFor({ state: 'detached' });
      return r;
    };
    const r1 = await replyWith('Les paysans de Ségou sont prêts.', C);
    assert.equal(r1.data.notify, 'confirm_sent');
    const mine1 = page.locator(`#palabre #c${r1.data.comment.id}`);
    assert.equal(
      await mine1.locator('.nt').textContent(),
      'Un e-mail de confirmation vous a été envoyé : ouvrez son lien pour recevoir les réponses.',
    );
    await mailsTo(C, 1);
    // The reply form does not keep the address: typed again.
    const r2 = await replyWith('Et ceux de Mopti aussi.', C);
    assert.equal(r2.data.notify, 'confirm_pending');
    const mine2 = page.locator(`#palabre #c${r2.data.comment.id}`);
    assert.equal(await mine2.locator('.nt').textContent(), 'Une confirmation a déjà été envoyée à cette adresse : ouvrez son lien.');
    await sleep(2500);
    assert.equal((await mailsTo(C)).length, 1, 'no second confirmation within the hour');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('without e-mail settings', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the server cannot mail: no option in the form', async () => {
    const key = env.key('nomail');
    const page = await env.open(key);
    const f = mainForm(page);
    await f.getByLabel('Votre commentaire').focus();
    await f.getByLabel(/^E-mail/).waitFor();
    assert.equal(await page.locator('#palabre input[type=checkbox]').count(), 0);
    assert.equal(await page.getByText(OPTION).count(), 0);
    // Nor in a reply form.
    const parent = await env.post(key, { author: 'Moussa', text: 'Bonjour à tous.' });
    await page.reload();
    await page.locator(`#palabre #c${parent.comment.id}`).getByRole('button', { name: 'Répondre Moussa' }).click();
    await page.locator('#palabre form.rf').getByLabel(/^E-mail/).waitFor();
    assert.equal(await page.locator('#palabre input[type=checkbox]').count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
