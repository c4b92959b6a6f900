/**
 * Mail to the shopper when an agent replies, records a remedy or resolves, and the CSAT question a day after a
 * resolution nobody rated: queued in the same transaction as the reply
 * (`mail_outbox`), rendered in the shopper's locale (text and HTML) when it is sent, with a signed link to
 * the status view on the merchant's page, and sent through `NECTAR_SMTP_URL` (nodemailer) by whichever
 * instance claims it — retried on a schedule, listed for the console as pending, sent or failed. Without an
 * SMTP URL nothing is claimed: mail waits in the database until one is configured.
 */
import { createHmac } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import { matchLocale, type Locale } from '@nectar/core/locale';
import { safeEqual } from '../crypto.ts';
import { every } from '../every.ts';
import type { SiteConfig } from '../sites.ts';
import type { SiteSettingsReader } from './site-settings.ts';
import type { Queryable } from '../store/db.ts';
import { claimDueMail, enqueueMail, recordMailAttempt, type MailKind, type MailRow } from '../store/mail.ts';
import { findTicket, type TicketRow } from '../store/tickets.ts';

/** Seconds between attempts; after the last one the mail is marked failed. */
export const MAIL_RETRY_SCHEDULE = [60, 300, 1800, 7200, 21600];
/** How long a mailed status link reads the ticket. */
const LINK_DAYS = 30;

/** Queues the mail for a ticket event (nothing when the ticket has no contact address). */
export async function queueTicketMail(
  tx: Queryable,
  row: TicketRow,
  kind: MailKind,
  payload: MailRow['payload'],
  now: Date,
): Promise<void> {
  if (!row.contact_email) return;
  const locale = matchLocale(row.locale ?? 'en');
  await enqueueMail(
    tx,
    { site: row.site, ticket_id: row.id, kind, recipient: row.contact_email, locale, payload },
    now,
  );
}

/** Hours after a resolution when a shopper who has not rated it is asked by mail (every case revisited). */
export const CSAT_ASK_HOURS = 24;

/**
 * Queues the CSAT question for tickets resolved `hours` ago or more that have no rating and were not asked yet
 * (the widget asks on the status view; this reaches the shoppers who never come back). Returns how many.
 */
export async function queueCsatAsks(db: Queryable, now: Date, hours = CSAT_ASK_HOURS): Promise<number> {
  const { rows } = await db.query<TicketRow>(
    `SELECT t.* FROM tickets t
     WHERE t.status = 'resolved' AND t.resolved_at <= $1 AND t.contact_email <> ''
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.ticket_id = t.id AND f.kind = 'csat')
       AND NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.ticket_id = t.id AND m.kind = 'csat_ask')
     ORDER BY t.resolved_at LIMIT 500`,
    [new Date(now.getTime() - hours * 3_600_000).toISOString()],
  );
  for (const row of rows) await queueTicketMail(db, row, 'csat_ask', {}, now);
  return rows.length;
}

// ---------------------------------------------------------------------------------------------------
// Signed status links: `nl1.<ticket id>.<expiry, unix seconds in base 36>.<HMAC-SHA256, base64url>`, accepted
// by the shopper routes as the ticket's bearer credential until it expires.

const LINK_PREFIX = 'nl1';

/** The key that signs mailed links, derived from the agent key (rotating that key ends old links). */
export const linkKeyFrom = (agentKey: string): string =>
  createHmac('sha256', agentKey).update('nectar mail links v1').digest('base64url');

const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64url');

export function signStatusToken(key: string, ticketId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000 + LINK_DAYS * 86_400).toString(36);
  const body = `${LINK_PREFIX}.${ticketId}.${expires}`;
  return `${body}.${mac(key, body)}`;
}

/** The ticket a status token reads, or null when it is not one of ours, forged or expired. */
export function verifyStatusToken(key: string, token: string, now: Date): string | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== LINK_PREFIX) return null;
  const [, ticketId, expires, signature] = parts as [string, string, string, string];
  if (!safeEqual(signature, mac(key, `${LINK_PREFIX}.${ticketId}.${expires}`))) return null;
  const expiresAt = parseInt(expires, 36) * 1000;
  return Number.isFinite(expiresAt) && expiresAt > now.getTime() ? ticketId : null;
}

/**
 * The status view on the merchant's page: the site's `statusUrl` with `{ticket}`, `{number}` and `{token}`
 * filled in, or, without `{token}`, with `nectar_ticket` and `nectar_token` query parameters added.
 */
export function statusLink(site: SiteConfig, row: Pick<TicketRow, 'id' | 'number'>, token: string): string | null {
  if (!site.statusUrl) return null;
  if (site.statusUrl.includes('{token}')) {
    return site.statusUrl
      .replaceAll('{ticket}', encodeURIComponent(row.id))
      .replaceAll('{number}', encodeURIComponent(row.number))
      .replaceAll('{token}', encodeURIComponent(token));
  }
  const url = new URL(site.statusUrl);
  url.searchParams.set('nectar_ticket', row.id);
  url.searchParams.set('nectar_token', token);
  return url.toString();
}

// ---------------------------------------------------------------------------------------------------
// Templates: standard wording at each step, per locale.

interface Words {
  hello: (name: string | null) => string;
  replySubject: (number: string, by: string) => string;
  replyIntro: (by: string, number: string) => string;
  resolvedSubject: (number: string) => string;
  resolvedIntro: (number: string) => string;
  resolvedNext: string;
  remedySubject: (number: string) => string;
  csatSubject: (number: string) => string;
  csatAsk: (number: string) => string;
  remedy: (kind: string, number: string, amount: string) => string;
  link: string;
  noLink: (number: string) => string;
  agent: string;
  signature: string;
}

const WORDS: Record<Locale, Words> = {
  en: {
    hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
    replySubject: (number, by) => `[${number}] ${by} replied to your request`,
    replyIntro: (by, number) => `${by} answered your request ${number}:`,
    resolvedSubject: (number) => `[${number}] Your request is resolved`,
    resolvedIntro: (number) => `Your request ${number} is resolved.`,
    resolvedNext: 'Not solved? Answer from your request and it opens again. We would also like to know how we did.',
    remedySubject: (number) => `[${number}] We are making it right`,
    csatSubject: (number) => `[${number}] How did we do?`,
    csatAsk: (number) =>
      `Your request ${number} was resolved. How did we do? A rating from 1 to 5 takes two seconds, and if it is not solved, answer and it opens again.`,
    remedy: (kind, number, amount) =>
      kind === 'refund'
        ? `We have arranged a refund of ${amount} for your request ${number}.`
        : kind === 'voucher'
          ? `Here is a voucher of ${amount} for your request ${number}.`
          : `We are sending you a replacement for your request ${number}.`,
    link: 'See your request and answer:',
    noLink: (number) => `To answer, use Help on the shop's site and mention ${number}.`,
    agent: 'Our support team',
    signature: 'Customer service',
  },
  'zh-CN': {
    hello: (name) => (name ? `${name}，您好：` : '您好：'),
    replySubject: (number, by) => `[${number}] ${by} 回复了您的请求`,
    replyIntro: (by, number) => `${by} 回复了您的请求 ${number}：`,
    resolvedSubject: (number) => `[${number}] 您的请求已解决`,
    resolvedIntro: (number) => `您的请求 ${number} 已解决。`,
    resolvedNext: '问题没有解决？在请求页面回复即可重新打开。也欢迎告诉我们您对这次服务的评价。',
    remedySubject: (number) => `[${number}] 我们为您安排了补偿`,
    csatSubject: (number) => `[${number}] 您对这次服务满意吗？`,
    csatAsk: (number) =>
      `您的请求 ${number} 已解决。您对这次服务满意吗？打个 1 到 5 分只需两秒；如果问题没有解决，回复即可重新打开。`,
    remedy: (kind, number, amount) =>
      kind === 'refund'
        ? `我们已为您的请求 ${number} 安排退款 ${amount}。`
        : kind === 'voucher'
          ? `我们为您的请求 ${number} 送上 ${amount} 的优惠券。`
          : `我们将为您的请求 ${number} 补发商品。`,
    link: '查看并回复您的请求：',
    noLink: (number) => `如需回复，请在商店网站的“帮助”中提及 ${number}。`,
    agent: '客服团队',
    signature: '客户服务',
  },
  'zh-TW': {
    hello: (name) => (name ? `${name}，您好：` : '您好：'),
    replySubject: (number, by) => `[${number}] ${by} 回覆了您的請求`,
    replyIntro: (by, number) => `${by} 回覆了您的請求 ${number}：`,
    resolvedSubject: (number) => `[${number}] 您的請求已解決`,
    resolvedIntro: (number) => `您的請求 ${number} 已解決。`,
    resolvedNext: '問題沒有解決？在請求頁面回覆即可重新開啟。也歡迎告訴我們您對這次服務的評價。',
    remedySubject: (number) => `[${number}] 我們為您安排了補償`,
    csatSubject: (number) => `[${number}] 您對這次服務滿意嗎？`,
    csatAsk: (number) =>
      `您的請求 ${number} 已解決。您對這次服務滿意嗎？打個 1 到 5 分只需兩秒；如果問題沒有解決，回覆即可重新開啟。`,
    remedy: (kind, number, amount) =>
      kind === 'refund'
        ? `我們已為您的請求 ${number} 安排退款 ${amount}。`
        : kind === 'voucher'
          ? `我們為您的請求 ${number} 送上 ${amount} 的折價券。`
          : `我們將為您的請求 ${number} 補寄商品。`,
    link: '查看並回覆您的請求：',
    noLink: (number) => `如需回覆，請在商店網站的「幫助」中提及 ${number}。`,
    agent: '客服團隊',
    signature: '客戶服務',
  },
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const METRIC_WORDS: Record<string, string> = {
  csat_average: 'The CSAT average',
  sla_first_response_met_pct: 'First responses on time (%)',
  sla_resolution_met_pct: 'Resolutions on time (%)',
  first_response_p90_minutes: 'The first response p90 (minutes)',
  tickets_created: 'Tickets created',
};

/** Paragraphs as text, and the same escaped in HTML. */
function page(subject: string, lang: string, paragraphs: string[]): RenderedMail {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return {
    subject,
    text: paragraphs.join('\n\n') + '\n',
    html: `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>\n${body}\n</body></html>\n`,
  };
}

/** An alert to an admin (English: agents have no locale yet): the rule, the site, the days that crossed it. */
export function renderAlertMail(mail: MailRow): RenderedMail {
  const a = mail.payload.alert!;
  const what = METRIC_WORDS[a.metric] ?? a.metric;
  return page(`Alert: ${a.name} (${mail.site})`, 'en', [
    `${what} was ${a.comparison === '<' ? 'below' : 'above'} ${a.value} for ${a.periods} day${a.periods === 1 ? '' : 's'} running on the site "${mail.site}" (the rule "${a.name}").`,
    `Daily values, oldest first: ${a.values.map((v) => (v === null ? 'no data' : String(Math.round(v * 100) / 100))).join(', ')}.`,
    'This alert is sent once; it clears when the figure is back, and the console lists it under alerts.',
  ]);
}

/** The mail in its locale: paragraphs as text, and the same escaped in HTML (the shop's words never as markup). */
export function renderMail(mail: MailRow, row: TicketRow, link: string | null): RenderedMail {
  const words = WORDS[matchLocale(mail.locale)];
  const by = mail.payload.by || words.agent;
  const subject = {
    reply: () => words.replySubject(row.number, by),
    remedy: () => words.remedySubject(row.number),
    csat_ask: () => words.csatSubject(row.number),
    resolved: () => words.resolvedSubject(row.number),
  }[mail.kind as Exclude<MailKind, 'alert'>]();
  const paragraphs: { text: string; quote?: boolean; href?: string }[] = [{ text: words.hello(row.contact_name) }];
  if (mail.kind === 'reply') {
    paragraphs.push({ text: words.replyIntro(by, row.number) }, { text: mail.payload.message ?? '', quote: true });
  } else if (mail.kind === 'csat_ask') {
    paragraphs.push({ text: words.csatAsk(row.number) });
  } else if (mail.kind === 'remedy') {
    const terms = mail.payload.remedy;
    const amount =
      terms?.amount !== undefined && terms.currency
        ? new Intl.NumberFormat(mail.locale, { style: 'currency', currency: terms.currency }).format(terms.amount)
        : '';
    paragraphs.push({ text: words.remedy(terms?.kind ?? 'reship', row.number, amount) });
    if (mail.payload.message) paragraphs.push({ text: mail.payload.message, quote: true });
  } else {
    paragraphs.push({ text: words.resolvedIntro(row.number) }, { text: words.resolvedNext });
  }
  paragraphs.push(link ? { text: `${words.link} ${link}`, href: link } : { text: words.noLink(row.number) }, {
    text: words.signature,
  });
  const text = paragraphs.map((p) => (p.quote ? p.text.replace(/^/gm, '> ') : p.text)).join('\n\n') + '\n';
  const body = paragraphs
    .map((p) => {
      if (p.quote) return `<blockquote>${escapeHtml(p.text).replaceAll('\n', '<br>')}</blockquote>`;
      if (p.href) return `<p><a href="${escapeHtml(p.href)}">${escapeHtml(words.link.replace(/[:：]$/, ''))}</a></p>`;
      return `<p>${escapeHtml(p.text)}</p>`;
    })
    .join('\n');
  const html = `<!doctype html>\n<html lang="${mail.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>\n${body}\n</body></html>\n`;
  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------------------
// Sending.

export interface MailOptions {
  /** `NECTAR_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`); without it mail waits. */
  smtpUrl?: string | undefined;
  /** The sender (`NECTAR_MAIL_FROM`, default `Customer service <no-reply@localhost>`). */
  from?: string | undefined;
  /** How often an instance looks for due mail (default 2 s). */
  pollMs?: number;
  /** Seconds between attempts (default MAIL_RETRY_SCHEDULE). */
  schedule?: number[];
}

/** Starts this instance's mail sender; returns its stop. Without an SMTP URL it sends nothing. */
export function startMailWorker(
  db: Queryable,
  options: MailOptions & {
    sites: ReadonlyMap<string, SiteConfig>;
    /** The sites' effective settings (their `statusUrl` as an admin set it); without it, `NECTAR_SITES`'. */
    settings?: SiteSettingsReader;
    linkKey: string;
    onError: (error: unknown) => void;
  },
): () => Promise<void> {
  if (!options.smtpUrl) return async () => {};
  const transport: Transporter = createTransport(options.smtpUrl);
  const from = options.from ?? 'Customer service <no-reply@localhost>';
  const schedule = options.schedule ?? MAIL_RETRY_SCHEDULE;
  const worker = every(
    options.pollMs ?? 2000,
    async () => {
      const claimed = await claimDueMail(db, new Date(), 120_000);
      for (const mail of claimed) await send(db, transport, mail, { ...options, from, schedule });
    },
    options.onError,
    { now: true },
  );
  return async () => {
    await worker.stop();
    transport.close();
  };
}

async function send(
  db: Queryable,
  transport: Transporter,
  mail: MailRow,
  options: {
    sites: ReadonlyMap<string, SiteConfig>;
    settings?: SiteSettingsReader;
    linkKey: string;
    from: string;
    schedule: number[];
  },
): Promise<void> {
  const now = new Date();
  let rendered: RenderedMail & { headers?: Record<string, string> };
  if (mail.kind === 'alert') rendered = renderAlertMail(mail);
  else {
    const row = mail.ticket_id ? await findTicket(db, mail.ticket_id) : undefined;
    const site = options.sites.get(mail.site);
    if (!row || !site) {
      await recordMailAttempt(
        db,
        mail.id,
        { sent: false, error: 'The ticket or its site no longer exists.', next: null },
        now,
      );
      return;
    }
    const statusUrl = options.settings ? (await options.settings.of(site)).statusUrl : site.statusUrl;
    const link = statusLink(
      { ...site, statusUrl: statusUrl ?? undefined },
      row,
      signStatusToken(options.linkKey, row.id, now),
    );
    rendered = { ...renderMail(mail, row, link), headers: { 'X-Nectar-Ticket': row.number } };
  }
  const { subject, text, html, headers } = rendered;
  try {
    const info = (await transport.sendMail({
      from: options.from,
      to: mail.recipient,
      subject,
      text,
      html,
      ...(headers ? { headers } : {}),
    })) as { messageId: string };
    await recordMailAttempt(db, mail.id, { sent: true, messageId: info.messageId }, new Date());
  } catch (error) {
    // A permanent refusal (5xx: no such mailbox, policy) is not retried; anything else is, on the schedule.
    const code = (error as { responseCode?: number }).responseCode;
    const wait = code !== undefined && code >= 500 ? undefined : options.schedule[mail.attempts];
    const next = wait === undefined ? null : new Date(Date.now() + wait * 1000);
    await recordMailAttempt(db, mail.id, { sent: false, error: (error as Error).message, next }, new Date());
  }
}
