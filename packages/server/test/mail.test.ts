/**
 * Mail to the shopper, through a real SMTP server on loopback (smtp-server, parsed with mailparser): an agent's
 * reply and a resolution are mailed in the shopper's locale (text and HTML, the shop's words escaped), with a
 * signed status link that reads that one ticket; a temporary refusal is retried, a permanent one is not;
 * without NECTAR_SMTP_URL mail waits and the agent API says so.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TicketReceipt } from '@nectar/core/schema';
import { evaluateAlerts } from '../src/domain/alerts.ts';
import { startServer, type RunningServer } from '../src/index.ts';

interface Arrived {
  to: string;
  mail: ParsedMail;
}

const arrived: Arrived[] = [];
let refuseNext = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('nobody@'))
      return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (refuseNext > 0) {
        refuseNext--;
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      void simpleParser(Buffer.concat(chunks)).then((mail) => {
        arrived.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), mail });
        callback();
      }, callback);
    });
  },
});

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function client(server: RunningServer) {
  const agent = (path: string, body?: unknown) =>
    fetch(server.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const file = async (body: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ category: 'damaged', message: 'The jar cracked', ...body }),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as TicketReceipt;
  };
  const read = (id: string, token: string) =>
    fetch(`${server.url}/v1/tickets/${id}`, { headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${token}` } });
  return { agent, file, read };
}

interface MailList {
  configured: boolean;
  counts: { pending: number; sent: number; failed: number };
  mail: {
    ticketId: string;
    kind: string;
    status: string;
    attempts: number;
    lastError: string | null;
    locale: string;
  }[];
}

describe('mail to the shopper', () => {
  let server: RunningServer;
  let api: ReturnType<typeof client>;
  before(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    server = await startServer({
      port: 0,
      memory: true,
      sites: [{ key: 'demo', origins: ['*'], statusUrl: 'https://shop.example/help/status' }],
      admin: { email: 'boss@shop.example', password: 'a long admin password' },
      // The scheduled jobs (alerts) are driven by hand here.
      jobs: { pollMs: 3_600_000 },
      mail: {
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'Honey Shop <help@shop.example>',
        pollMs: 50,
        schedule: [0.2, 0.2],
      },
    });
    api = client(server);
  });
  after(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it("mails an agent's reply in the shopper's locale, after a temporary refusal, with a link that reads the ticket", async () => {
    refuseNext = 1;
    const t = await api.file({ locale: 'zh-CN', contact: { email: 'mei@example.com', name: '王梅' } });
    const reply = await api.agent(`/v1/agent/tickets/${t.id}/reply`, {
      message: 'A new jar is on its way. <b>Sorry!</b>',
      agentName: 'Lin',
    });
    assert.equal(reply.status, 200);
    const got = await waitFor(() => arrived.find((a) => a.to === 'mei@example.com'), 'the reply mail');
    assert.equal(got.mail.subject, `[${t.number}] Lin 回复了您的请求`);
    assert.match(got.mail.text ?? '', /王梅，您好：/);
    assert.match(got.mail.text ?? '', /> A new jar is on its way\. <b>Sorry!<\/b>/);
    assert.match(String(got.mail.html), /A new jar is on its way\. &lt;b&gt;Sorry!&lt;\/b&gt;/, 'escaped in HTML');
    assert.doesNotMatch(String(got.mail.html), /<b>Sorry/);
    assert.deepEqual(
      got.mail.from?.value.map((a) => [a.name, a.address]),
      [['Honey Shop', 'help@shop.example']],
    );
    assert.equal(got.mail.headers.get('x-nectar-ticket'), t.number);

    const link = new URL(/https:\/\/shop\.example\/help\/status\S+/.exec(got.mail.text ?? '')?.[0] ?? '');
    assert.equal(link.searchParams.get('nectar_ticket'), t.id);
    const token = link.searchParams.get('nectar_token') ?? '';
    const viaLink = await api.read(t.id, token);
    assert.equal(viaLink.status, 200, 'the mailed link reads the ticket');
    assert.equal(((await viaLink.json()) as { number: string }).number, t.number);

    // The link reads that ticket only, and a forged one nothing.
    const other = await api.file({ contact: { email: 'someone@example.com' } });
    assert.equal((await api.read(other.id, token)).status, 404);
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await api.read(t.id, forged)).status, 404);

    const list = (await (await api.agent(`/v1/agent/mail?ticket=${t.id}`)).json()) as MailList;
    assert.equal(list.configured, true);
    assert.deepEqual(
      list.mail.map((m) => [m.kind, m.status, m.attempts, m.locale]),
      [['reply', 'sent', 2, 'zh-CN']],
    );
  });

  it('mails the resolution (English by default) and gives up at once on a permanent refusal', async () => {
    const t = await api.file({ contact: { email: 'ada@example.com' } });
    await api.agent(`/v1/agent/tickets/${t.id}/resolve`, { agentName: 'Lin' });
    const got = await waitFor(() => arrived.find((a) => a.to === 'ada@example.com'), 'the resolution mail');
    assert.equal(got.mail.subject, `[${t.number}] Your request is resolved`);
    assert.match(got.mail.text ?? '', /Not solved\? Answer from your request and it opens again\./);

    const bounced = await api.file({ contact: { email: 'nobody@example.com' } });
    await api.agent(`/v1/agent/tickets/${bounced.id}/reply`, { message: 'Hello?', agentName: 'Lin' });
    const failed = await waitFor(async () => {
      const list = (await (await api.agent(`/v1/agent/mail?ticket=${bounced.id}`)).json()) as MailList;
      return list.mail[0]?.status === 'failed' ? list.mail[0] : undefined;
    }, 'the refused mail to be marked failed');
    assert.equal(failed.attempts, 1, 'a 550 is not retried');
    assert.match(failed.lastError ?? '', /No such mailbox/);
  });

  it('mails a remedy with its amount in the shopper’s locale', async () => {
    const t = await api.file({ locale: 'zh-TW', contact: { email: 'lin@example.com' } });
    await api.agent(`/v1/agent/tickets/${t.id}/remedy`, {
      kind: 'refund',
      amount: 12.5,
      currency: 'EUR',
      agentName: 'Lin',
    });
    const got = await waitFor(() => arrived.find((a) => a.to === 'lin@example.com'), 'the remedy mail');
    assert.equal(got.mail.subject, `[${t.number}] 我們為您安排了補償`);
    assert.match(got.mail.text ?? '', new RegExp(`我們已為您的請求 ${t.number} 安排退款 €12\\.50。`));
  });

  it('mails each admin once when an alert is raised (tickets created per day above 1, one day)', async () => {
    const put = await fetch(`${server.url}/v1/agent/alerts`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        rules: [{ name: 'Ticket surge', metric: 'tickets_created', comparison: '>', value: 1, periods: 1 }],
      }),
    });
    assert.equal(put.status, 200);
    const sites = new Map([['demo', { key: 'demo', origins: ['*'] }]]);
    const raised = await evaluateAlerts(server.db, sites, new Date());
    assert.equal(raised.raised.length, 1, 'the tickets of the tests above make today a surge');
    assert.deepEqual((await evaluateAlerts(server.db, sites, new Date())).raised, [], 'once per episode');
    const got = await waitFor(() => arrived.find((a) => a.to === 'boss@shop.example'), 'the alert mail');
    assert.equal(got.mail.subject, 'Alert: Ticket surge (demo)');
    assert.match(got.mail.text ?? '', /Tickets created was above 1 for 1 day running on the site "demo"/);
    assert.match(got.mail.text ?? '', /Daily values, oldest first: \d+\./);
    assert.equal(arrived.filter((a) => a.to === 'boss@shop.example').length, 1);
  });

  it('needs an agent to list mail', async () => {
    assert.equal((await fetch(`${server.url}/v1/agent/mail`)).status, 401);
    const bad = await api.agent('/v1/agent/mail?status=lost');
    assert.equal(bad.status, 400);
  });
});

describe('mail without NECTAR_SMTP_URL', () => {
  it('waits in the database, and the agent API says no SMTP server is configured', async () => {
    const server = await startServer({ port: 0, memory: true });
    try {
      const api = client(server);
      const t = await api.file({ contact: { email: 'ada@example.com' } });
      await api.agent(`/v1/agent/tickets/${t.id}/reply`, { message: 'On its way.', agentName: 'Lin' });
      await new Promise((r) => setTimeout(r, 200));
      const list = (await (await api.agent('/v1/agent/mail')).json()) as MailList;
      assert.equal(list.configured, false);
      assert.deepEqual(list.counts, { pending: 1, sent: 0, failed: 0 });
      assert.equal(list.mail[0]?.attempts, 0);
    } finally {
      await server.close();
    }
  });
});
