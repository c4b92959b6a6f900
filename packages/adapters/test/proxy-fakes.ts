/**
 * Local stand-ins for hosted vendors (Zendesk, Freshdesk, Gorgias, Chatwoot, WooCommerce) that answer
 * with the shapes, statuses and rate-limit responses their API documentation gives. Each listens on
 * 127.0.0.1:0; `fail()` makes the next request(s) answer like the vendor does under load or failure.
 */
import { createHmac } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createProxy, type ProxyConfig } from '../src/proxy/index.ts';

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Answer 200 with this body instead of the real one (malformed). */
  count?: number;
}

export interface Running {
  url: string;
  close(): Promise<void>;
}

export function listen(fetchHandler: (req: Request) => Response | Promise<Response>): Promise<Running> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Adds `fail()` to an app: the next `count` requests get the fault instead of the real answer. */
function withFaults(app: Hono) {
  const faults: Fault[] = [];
  const outer = new Hono();
  outer.use('*', async (c, next) => {
    const fault = faults[0];
    if (!fault) return next();
    fault.count = (fault.count ?? 1) - 1;
    if (fault.count <= 0) faults.shift();
    if (fault.hang) return new Promise<Response>(() => {});
    return new Response(fault.body ?? '', { status: fault.status ?? 200, headers: fault.headers ?? {} });
  });
  outer.route('/', app);
  return { app: outer, fail: (f: Fault) => faults.push(f) };
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

// ---------------------------------------------------------------------------------------------
// Zendesk (Support API: Requests, Uploads). https://developer.zendesk.com/api-reference/ticketing/
// ---------------------------------------------------------------------------------------------
export interface ZendeskRecord {
  id: number;
  subject: string;
  description: string;
  status: string;
  requester: { name?: string; email?: string } | null;
  requester_id: number;
  custom_fields: { id: number; value: unknown }[];
  comments: { id: number; body: string; author_id: number; created_at: string; attachments: ZUpload[] }[];
  created_at: string;
  updated_at: string;
}
interface ZUpload {
  id: number;
  file_name: string;
  content_type: string;
  size: number;
  content_url: string;
}

export function fakeZendesk(opts: { endUserToken: string; anonymousAllowed?: boolean }) {
  const app = new Hono();
  const requests = new Map<number, ZendeskRecord>();
  const uploads = new Map<string, ZUpload>();
  let seq = 100;
  const AGENT = 9001;
  const END_USER = 5001;
  const authed = (c: Context) => {
    const h = c.req.header('Authorization');
    if (!h) return null;
    return h === `Bearer ${opts.endUserToken}` ? END_USER : 'bad';
  };
  const unauth = (c: Context) => c.json({ error: "Couldn't authenticate you" }, 401);
  const notFound = (c: Context) => c.json({ error: 'RecordNotFound', description: 'Not found' }, 404);
  const view = (r: ZendeskRecord) => ({
    url: `/api/v2/requests/${r.id}.json`,
    id: r.id,
    status: r.status,
    priority: null,
    type: null,
    subject: r.subject,
    description: r.description,
    organization_id: null,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    custom_fields: r.custom_fields,
    requester_id: r.requester_id,
    collaborator_ids: [],
    email_cc_ids: [],
    is_public: true,
    due_at: null,
    can_be_solved_by_me: false,
    created_at: r.created_at,
    updated_at: r.updated_at,
    recipient: null,
    followup_source_id: null,
    assignee_id: null,
    ticket_form_id: null,
    fields: r.custom_fields,
  });

  app.post('/api/v2/uploads.json', async (c) => {
    const who = authed(c);
    if (who === 'bad' || (who === null && !opts.anonymousAllowed)) return unauth(c);
    const filename = c.req.query('filename');
    if (!filename) return c.json({ error: 'InvalidValue', description: 'filename is required' }, 400);
    const bytes = await c.req.arrayBuffer();
    const token = `tok${Math.random().toString(36).slice(2, 14)}`;
    const id = ++seq;
    const a: ZUpload = {
      id,
      file_name: filename,
      content_type: c.req.header('Content-Type') ?? 'application/binary',
      size: bytes.byteLength,
      content_url: `https://acme.zendesk.com/attachments/token/${token}/?name=${filename}`,
    };
    uploads.set(token, a);
    return c.json({ upload: { token, expires_at: now(), attachments: [a], attachment: a } }, 201);
  });

  app.post('/api/v2/requests.json', async (c) => {
    const who = authed(c);
    if (who === 'bad') return unauth(c);
    const body = (await c.req.json().catch(() => null)) as { request?: Record<string, any> } | null;
    const r = body?.request;
    if (who === null && (!opts.anonymousAllowed || !r?.requester?.email)) return unauth(c);
    if (!r?.comment?.body)
      return c.json(
        {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: { description: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] },
        },
        422,
      );
    const attachments: ZUpload[] = [];
    for (const t of r.comment.uploads ?? []) {
      const u = uploads.get(t);
      if (u) attachments.push(u);
    }
    const id = ++seq;
    const at = now();
    const requesterId = who === END_USER ? END_USER : ++seq;
    const rec: ZendeskRecord = {
      id,
      subject: r.subject ?? r.comment.body.slice(0, 50),
      description: r.comment.body,
      status: 'new',
      requester: r.requester ?? null,
      requester_id: requesterId,
      custom_fields: r.custom_fields ?? [],
      comments: [{ id: ++seq, body: r.comment.body, author_id: requesterId, created_at: at, attachments }],
      created_at: at,
      updated_at: at,
    };
    requests.set(id, rec);
    return c.json({ request: view(rec) }, 201);
  });

  app.get('/api/v2/requests.json', (c) => {
    const who = authed(c);
    if (who !== END_USER) return unauth(c);
    const mine = [...requests.values()].filter((r) => r.requester_id === END_USER).reverse();
    return c.json({ requests: mine.map(view), next_page: null, previous_page: null, count: mine.length });
  });

  const own = (c: Context) => {
    const r = requests.get(Number.parseInt(c.req.param('id') ?? '', 10));
    return r && r.requester_id === END_USER ? r : undefined;
  };
  app.get('/api/v2/requests/:id{[0-9]+\\.json}', (c) => {
    if (authed(c) !== END_USER) return unauth(c);
    const r = own(c);
    return r ? c.json({ request: view(r) }) : notFound(c);
  });
  app.get('/api/v2/requests/:id{[0-9]+}/comments.json', (c) => {
    if (authed(c) !== END_USER) return unauth(c);
    const r = own(c);
    if (!r) return notFound(c);
    return c.json({
      comments: r.comments.map((m) => ({
        id: m.id,
        type: 'Comment',
        request_id: r.id,
        body: m.body,
        html_body: `<p>${m.body}</p>`,
        plain_body: m.body,
        public: true,
        author_id: m.author_id,
        attachments: m.attachments,
        created_at: m.created_at,
      })),
      users: [
        { id: END_USER, name: 'Ann Shopper', agent: false, organization_id: null, photo: null },
        { id: AGENT, name: 'Sam Agent', agent: true, organization_id: null, photo: null },
      ],
      organizations: [],
      next_page: null,
      previous_page: null,
      count: r.comments.length,
    });
  });
  app.put('/api/v2/requests/:id{[0-9]+\\.json}', async (c) => {
    if (authed(c) !== END_USER) return unauth(c);
    const r = own(c);
    if (!r) return notFound(c);
    const body = (await c.req.json()) as { request?: { comment?: { body?: string } } };
    const text = body.request?.comment?.body;
    if (text) {
      r.comments.push({ id: ++seq, body: text, author_id: END_USER, created_at: now(), attachments: [] });
      r.status = r.status === 'solved' ? 'open' : r.status;
      r.updated_at = now();
    }
    return c.json({ request: view(r) });
  });

  const { app: outer, fail } = withFaults(app);
  return {
    app: outer,
    fail,
    requests,
    reply(id: number, body: string) {
      const r = requests.get(id)!;
      r.comments.push({ id: ++seq, body, author_id: AGENT, created_at: now(), attachments: [] });
      r.status = 'pending';
      r.updated_at = now();
    },
    solve(id: number) {
      const r = requests.get(id)!;
      r.status = 'solved';
      r.updated_at = now();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Freshdesk (API v2). https://developers.freshdesk.com/api/
// ---------------------------------------------------------------------------------------------
export interface FreshdeskRecord {
  id: number;
  email: string;
  name?: string;
  subject: string;
  description: string;
  status: number;
  priority: number;
  source: number;
  tags: string[];
  custom_fields: Record<string, unknown>;
  requester_id: number;
  attachments: { id: number; name: string; content_type: string; size: number; bytes: Uint8Array }[];
  conversations: {
    id: number;
    body: string;
    body_text: string;
    incoming: boolean;
    private: boolean;
    user_id: number;
    created_at: string;
  }[];
  created_at: string;
  updated_at: string;
}

export function fakeFreshdesk(opts: { apiKey: string; customFields: string[] }) {
  const app = new Hono();
  const tickets = new Map<number, FreshdeskRecord>();
  let seq = 1000;
  const authOk = (c: Context) => c.req.header('Authorization') === `Basic ${btoa(`${opts.apiKey}:X`)}`;
  const unauth = (c: Context) =>
    c.json({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }, 401);
  app.use('/api/*', async (c, next) => (authOk(c) ? next() : unauth(c)));
  const strip = (html: string) =>
    html
      .replace(/<br>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const view = (t: FreshdeskRecord, withConversations = false) => ({
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    fr_escalated: false,
    spam: false,
    email_config_id: null,
    group_id: null,
    priority: t.priority,
    requester_id: t.requester_id,
    responder_id: null,
    source: t.source,
    status: t.status,
    subject: t.subject,
    to_emails: null,
    product_id: null,
    id: t.id,
    type: null,
    due_by: t.created_at,
    fr_due_by: t.created_at,
    is_escalated: false,
    description: t.description,
    description_text: strip(t.description),
    custom_fields: t.custom_fields,
    created_at: t.created_at,
    updated_at: t.updated_at,
    tags: t.tags,
    attachments: t.attachments.map((a) => ({
      id: a.id,
      content_type: a.content_type,
      size: a.size,
      name: a.name,
      attachment_url: `https://s3.amazonaws.com/cdn.freshdesk.com/${a.id}`,
      created_at: t.created_at,
      updated_at: t.created_at,
    })),
    ...(withConversations
      ? { conversations: t.conversations.map((c) => ({ ...c, updated_at: c.created_at, ticket_id: t.id })) }
      : {}),
  });
  app.post('/api/v2/tickets', async (c) => {
    let fields: Record<string, unknown> = {};
    const files: FreshdeskRecord['attachments'] = [];
    const type = c.req.header('Content-Type') ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.formData();
      const tags: string[] = [];
      const cf: Record<string, string> = {};
      for (const [k, v] of form.entries()) {
        if (k === 'attachments[]' && v instanceof File)
          files.push({
            id: ++seq,
            name: v.name,
            content_type: v.type,
            size: v.size,
            bytes: new Uint8Array(await v.arrayBuffer()),
          });
        else if (k === 'tags[]') tags.push(String(v));
        else if (k.startsWith('custom_fields[')) cf[k.slice(14, -1)] = String(v);
        else fields[k] = k === 'status' || k === 'priority' || k === 'source' ? Number(v) : v;
      }
      fields.tags = tags;
      fields.custom_fields = cf;
    } else fields = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const errors: { field: string; message: string; code: string }[] = [];
    if (typeof fields.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(fields.email))
      errors.push({ field: 'email', message: 'It should be a valid email address', code: 'invalid_value' });
    if (typeof fields.subject !== 'string' || !fields.subject)
      errors.push({ field: 'subject', message: 'It should be a/an String', code: 'missing_field' });
    for (const k of Object.keys((fields.custom_fields as object) ?? {}))
      if (!opts.customFields.includes(k))
        errors.push({ field: k, message: 'Unexpected/invalid field in request', code: 'invalid_field' });
    if (errors.length) return c.json({ description: 'Validation failed', errors }, 400);
    const at = now();
    const t: FreshdeskRecord = {
      id: ++seq,
      email: fields.email as string,
      ...(typeof fields.name === 'string' ? { name: fields.name } : {}),
      subject: fields.subject as string,
      description: String(fields.description ?? ''),
      status: Number(fields.status ?? 2),
      priority: Number(fields.priority ?? 1),
      source: Number(fields.source ?? 2),
      tags: (fields.tags as string[]) ?? [],
      custom_fields: Object.fromEntries(
        opts.customFields.map((k) => [k, (fields.custom_fields as Record<string, unknown>)?.[k] ?? null]),
      ),
      requester_id: 77000 + tickets.size,
      attachments: files,
      conversations: [],
      created_at: at,
      updated_at: at,
    };
    tickets.set(t.id, t);
    return c.json(view(t), 201);
  });
  app.get('/api/v2/tickets/:id{[0-9]+}', (c) => {
    const t = tickets.get(Number(c.req.param('id')));
    if (!t) return c.body(null, 404);
    return c.json(view(t, c.req.query('include') === 'conversations'));
  });
  app.post('/api/v2/tickets/:id{[0-9]+}/notes', async (c) => {
    const t = tickets.get(Number(c.req.param('id')));
    if (!t) return c.body(null, 404);
    const b = (await c.req.json()) as { body?: string; private?: boolean; incoming?: boolean; user_id?: number };
    if (!b.body)
      return c.json(
        {
          description: 'Validation failed',
          errors: [{ field: 'body', message: 'Mandatory attribute missing', code: 'missing_field' }],
        },
        400,
      );
    const note = {
      id: ++seq,
      body: b.body,
      body_text: strip(b.body),
      incoming: !!b.incoming,
      private: b.private ?? true,
      user_id: b.user_id ?? 1,
      created_at: now(),
    };
    t.conversations.push(note);
    return c.json({ ...note, ticket_id: t.id, updated_at: note.created_at, attachments: [] }, 201);
  });
  const { app: outer, fail } = withFaults(app);
  return {
    app: outer,
    fail,
    tickets,
    reply(id: number, body: string, priv = false) {
      const t = tickets.get(id)!;
      t.conversations.push({
        id: ++seq,
        body: `<div>${body}</div>`,
        body_text: body,
        incoming: false,
        private: priv,
        user_id: 1,
        created_at: now(),
      });
      if (!priv) t.status = 6;
      t.updated_at = now();
    },
    resolve(id: number) {
      const t = tickets.get(id)!;
      t.status = 4;
      t.updated_at = now();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Gorgias (REST API). https://developers.gorgias.com/reference
// ---------------------------------------------------------------------------------------------
export interface GorgiasRecord {
  id: number;
  status: 'open' | 'closed';
  subject: string;
  external_id: string | null;
  channel: string;
  via: string;
  customer: { id: number; email: string; name: string | null };
  tags: { id: number; name: string }[];
  meta: Record<string, unknown> | null;
  messages: {
    id: number;
    public: boolean;
    from_agent: boolean;
    channel: string;
    via: string;
    body_text: string;
    sender: { id: number; email: string; name: string | null };
    attachments: { url: string; name: string; size: number; content_type: string }[];
    created_datetime: string;
  }[];
  created_datetime: string;
  updated_datetime: string;
  closed_datetime: string | null;
}

export function fakeGorgias(opts: { username: string; apiKey: string }) {
  const app = new Hono();
  const tickets = new Map<number, GorgiasRecord>();
  const files = new Map<string, Uint8Array>();
  let seq = 5000;
  const dt = () => new Date().toISOString().replace('Z', '000+00:00');
  app.use('/api/*', async (c, next) =>
    c.req.header('Authorization') === `Basic ${btoa(`${opts.username}:${opts.apiKey}`)}`
      ? next()
      : c.json({ error: { msg: 'Unauthorized' } }, 401),
  );
  app.post('/api/upload', async (c) => {
    const form = await c.req.formData();
    const file = [...form.values()].find((v): v is File => v instanceof File);
    if (!file) return c.json({ error: { msg: 'No file.' } }, 400);
    const url = `https://uploads.gorgias.io/acme/${++seq}-${file.name}`;
    files.set(url, new Uint8Array(await file.arrayBuffer()));
    return c.json([{ url, name: file.name, size: file.size, content_type: file.type }], 201);
  });
  app.post('/api/tickets', async (c) => {
    const b = (await c.req.json().catch(() => null)) as Record<string, any> | null;
    if (!b?.customer?.email || !Array.isArray(b.messages) || b.messages.length === 0)
      return c.json(
        { error: { msg: 'Validation error', data: { messages: ['Missing data for required field.'] } } },
        400,
      );
    const at = dt();
    const customer = { id: ++seq, email: b.customer.email, name: b.customer.name ?? null };
    const t: GorgiasRecord = {
      id: ++seq,
      status: b.status === 'closed' ? 'closed' : 'open',
      subject: b.subject ?? '',
      external_id: b.external_id ?? null,
      channel: b.channel ?? 'api',
      via: b.via ?? 'api',
      customer,
      tags: (b.tags ?? []).map((x: { name: string }) => ({ id: ++seq, name: x.name })),
      meta: b.meta ?? null,
      messages: b.messages.map((m: Record<string, any>) => ({
        id: ++seq,
        public: true,
        from_agent: !!m.from_agent,
        channel: m.channel,
        via: m.via,
        body_text: m.body_text ?? '',
        sender: { ...customer },
        attachments: m.attachments ?? [],
        created_datetime: at,
      })),
      created_datetime: at,
      updated_datetime: at,
      closed_datetime: null,
    };
    tickets.set(t.id, t);
    return c.json({ ...t, uri: `/api/tickets/${t.id}/` }, 201);
  });
  app.get('/api/tickets/:id{[0-9]+}', (c) => {
    const t = tickets.get(Number(c.req.param('id')));
    return t ? c.json({ ...t, uri: `/api/tickets/${t.id}/` }) : c.json({ error: { msg: 'Resource not found.' } }, 404);
  });
  app.post('/api/tickets/:id{[0-9]+}/messages', async (c) => {
    const t = tickets.get(Number(c.req.param('id')));
    if (!t) return c.json({ error: { msg: 'Resource not found.' } }, 404);
    const m = (await c.req.json()) as Record<string, any>;
    const msg = {
      id: ++seq,
      public: true,
      from_agent: !!m.from_agent,
      channel: m.channel,
      via: m.via,
      body_text: m.body_text ?? '',
      sender: { ...t.customer, email: m.sender?.email ?? t.customer.email },
      attachments: [],
      created_datetime: dt(),
    };
    t.messages.push(msg);
    t.updated_datetime = msg.created_datetime;
    return c.json({ ...msg, ticket_id: t.id }, 201);
  });
  const { app: outer, fail } = withFaults(app);
  return {
    app: outer,
    fail,
    tickets,
    files,
    reply(id: number, body: string, isPublic = true) {
      const t = tickets.get(id)!;
      t.messages.push({
        id: ++seq,
        public: isPublic,
        from_agent: true,
        channel: isPublic ? 'email' : 'internal-note',
        via: 'helpdesk',
        body_text: body,
        sender: { id: 1, email: 'sam@acme.example', name: 'Sam Agent' },
        attachments: [],
        created_datetime: dt(),
      });
    },
    close(id: number) {
      const t = tickets.get(id)!;
      t.status = 'closed';
      t.closed_datetime = dt();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Chatwoot (public client API of an API inbox). https://www.chatwoot.com/developers/api/
// ---------------------------------------------------------------------------------------------
export interface ChatwootConversation {
  id: number;
  sourceId: string;
  status: 'open' | 'pending' | 'resolved' | 'snoozed';
  custom_attributes: Record<string, unknown>;
  messages: {
    id: number;
    content: string | null;
    message_type: number;
    created_at: number;
    attachments?: {
      id: number;
      message_id: number;
      file_type: string;
      data_url: string;
      thumb_url: string;
      file_size: number;
    }[];
    sender?: { id: number; name: string; type: string };
  }[];
}

export function fakeChatwoot(opts: { inboxIdentifier: string; hmacToken: string }) {
  const app = new Hono();
  const contacts = new Map<string, { id: number; name: string; email: string; identifier: string | null }>();
  const conversations = new Map<number, ChatwootConversation>();
  let seq = 1;
  const base = `/public/api/v1/inboxes/:inbox`;
  app.use(`${base}/*`, async (c, next) =>
    c.req.param('inbox') === opts.inboxIdentifier ? next() : c.json({ error: 'Inbox not found' }, 404),
  );
  app.post(`${base}/contacts`, async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Record<string, string | undefined>;
    if (b.identifier) {
      const expected = createHmac('sha256', opts.hmacToken).update(b.identifier).digest('hex');
      if (b.identifier_hash !== expected)
        return c.json({ error: 'HMAC failed: Invalid Identifier Hash Provided' }, 401);
      const existing = [...contacts.entries()].find(([, v]) => v.identifier === b.identifier);
      if (existing)
        return c.json({
          source_id: existing[0],
          pubsub_token: `pub_${existing[0]}`,
          id: existing[1].id,
          name: existing[1].name,
          email: existing[1].email,
        });
    }
    const sourceId = crypto.randomUUID();
    const contact = { id: ++seq, name: b.name ?? 'visitor', email: b.email ?? '', identifier: b.identifier ?? null };
    contacts.set(sourceId, contact);
    return c.json({
      source_id: sourceId,
      pubsub_token: `pub_${sourceId}`,
      id: contact.id,
      name: contact.name,
      email: contact.email,
    });
  });
  const contactOf = (c: Context) => (contacts.has(c.req.param('contact') ?? '') ? c.req.param('contact')! : null);
  const view = (v: ChatwootConversation) => ({
    id: v.id,
    uuid: `uuid-${v.id}`,
    inbox_id: 1,
    contact_last_seen_at: 0,
    status: v.status,
    agent_last_seen_at: 0,
    messages: v.messages.map((m) => ({ ...m, content_type: 'text', content_attributes: {}, conversation_id: v.id })),
    contact: {
      id: contacts.get(v.sourceId)!.id,
      name: contacts.get(v.sourceId)!.name,
      email: contacts.get(v.sourceId)!.email,
    },
  });
  const notFound = (c: Context) => c.json({ error: 'Resource could not be found' }, 404);
  app.get(`${base}/contacts/:contact/conversations`, (c) => {
    const src = contactOf(c);
    if (!src) return notFound(c);
    return c.json([...conversations.values()].filter((v) => v.sourceId === src).map(view));
  });
  app.post(`${base}/contacts/:contact/conversations`, async (c) => {
    const src = contactOf(c);
    if (!src) return notFound(c);
    const b = (await c.req.json().catch(() => ({}))) as { custom_attributes?: Record<string, unknown> };
    const v: ChatwootConversation = {
      id: ++seq,
      sourceId: src,
      status: 'open',
      custom_attributes: b.custom_attributes ?? {},
      messages: [],
    };
    conversations.set(v.id, v);
    return c.json(view(v));
  });
  const conv = (c: Context) => {
    const src = contactOf(c);
    const v = conversations.get(Number(c.req.param('id')));
    return src && v && v.sourceId === src ? v : undefined;
  };
  app.get(`${base}/contacts/:contact/conversations/:id{[0-9]+}`, (c) => {
    const v = conv(c);
    return v ? c.json(view(v)) : notFound(c);
  });
  app.get(`${base}/contacts/:contact/conversations/:id{[0-9]+}/messages`, (c) => {
    const v = conv(c);
    return v ? c.json(view(v).messages) : notFound(c);
  });
  app.post(`${base}/contacts/:contact/conversations/:id{[0-9]+}/messages`, async (c) => {
    const v = conv(c);
    if (!v) return notFound(c);
    let content: string | null = null;
    const attachments: NonNullable<ChatwootConversation['messages'][number]['attachments']> = [];
    const id = ++seq;
    if ((c.req.header('Content-Type') ?? '').startsWith('multipart/form-data')) {
      const form = await c.req.formData();
      content = (form.get('content') as string | null) ?? null;
      for (const f of form.getAll('attachments[]'))
        if (f instanceof File)
          attachments.push({
            id: ++seq,
            message_id: id,
            file_type: f.type.startsWith('image/') ? 'image' : 'file',
            data_url: `/rails/active_storage/${seq}`,
            thumb_url: '',
            file_size: f.size,
          });
    } else content = ((await c.req.json()) as { content?: string }).content ?? null;
    const contact = contacts.get(v.sourceId)!;
    const m = {
      id,
      content,
      message_type: 0,
      created_at: Math.floor(Date.now() / 1000),
      ...(attachments.length ? { attachments } : {}),
      sender: { id: contact.id, name: contact.name, type: 'contact' },
    };
    v.messages.push(m);
    if (v.status === 'resolved') v.status = 'open';
    return c.json({ ...m, content_type: 'text', content_attributes: {}, conversation_id: v.id });
  });
  const { app: outer, fail } = withFaults(app);
  return {
    app: outer,
    fail,
    conversations,
    contacts,
    reply(id: number, content: string) {
      conversations.get(id)!.messages.push({
        id: ++seq,
        content,
        message_type: 1,
        created_at: Math.floor(Date.now() / 1000),
        sender: { id: 1, name: 'Sam Agent', type: 'user' },
      });
    },
    resolve(id: number) {
      conversations.get(id)!.status = 'resolved';
    },
  };
}

// ---------------------------------------------------------------------------------------------
// WooCommerce (REST API v3 and Store API). https://woocommerce.github.io/woocommerce-rest-api-docs/
// ---------------------------------------------------------------------------------------------
export interface WooOrderRecord {
  id: number;
  number: string;
  status: string;
  customer_id: number;
  billing_email: string;
  order_key: string;
  date_created_gmt: string;
  currency: string;
  total: string;
  line_items: { id: number; name: string; sku: string; quantity: number; image: { id: number; src: string } }[];
  tracking?: {
    tracking_provider: string;
    tracking_number: string;
    date_shipped: string;
    custom_tracking_link: string;
  }[];
}

export function fakeWooCommerce(opts: {
  consumerKey: string;
  consumerSecret: string;
  customers: { id: number; email: string; first_name: string; last_name: string }[];
  orders: WooOrderRecord[];
}) {
  const app = new Hono();
  const wpError = (c: Context, status: 401 | 404 | 400, code: string, message: string) =>
    c.json({ code, message, data: { status } }, status);
  app.use('/wp-json/wc/v3/*', async (c, next) =>
    c.req.header('Authorization') === `Basic ${btoa(`${opts.consumerKey}:${opts.consumerSecret}`)}`
      ? next()
      : wpError(c, 401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'),
  );
  const rest = (o: WooOrderRecord) => ({
    id: o.id,
    parent_id: 0,
    number: o.number,
    order_key: o.order_key,
    created_via: 'checkout',
    version: '9.8.0',
    status: o.status,
    currency: o.currency,
    date_created: o.date_created_gmt,
    date_created_gmt: o.date_created_gmt,
    date_modified: o.date_created_gmt,
    date_modified_gmt: o.date_created_gmt,
    discount_total: '0.00',
    shipping_total: '0.00',
    total: o.total,
    total_tax: '0.00',
    prices_include_tax: false,
    customer_id: o.customer_id,
    customer_note: 'leave at the door, code 1234',
    billing: {
      first_name: 'Ann',
      last_name: 'Shopper',
      address_1: '1 Main St',
      city: 'Springfield',
      email: o.billing_email,
      phone: '555-0100',
    },
    shipping: { first_name: 'Ann', last_name: 'Shopper', address_1: '1 Main St', city: 'Springfield' },
    payment_method: 'bacs',
    payment_method_title: 'Direct Bank Transfer',
    transaction_id: '',
    date_paid_gmt: o.date_created_gmt,
    date_completed_gmt: o.status === 'completed' ? o.date_created_gmt : null,
    meta_data: [
      { id: 1, key: '_internal_note', value: 'fraud score 0.1' },
      ...(o.tracking
        ? [
            {
              id: 2,
              key: '_wc_shipment_tracking_items',
              value: o.tracking.map((t, i) => ({ ...t, tracking_id: `t${i}`, custom_tracking_provider: '' })),
            },
          ]
        : []),
    ],
    line_items: o.line_items.map((l) => ({
      ...l,
      product_id: l.id + 1000,
      variation_id: 0,
      tax_class: '',
      subtotal: '10.00',
      total: '10.00',
      price: 10,
      meta_data: [],
    })),
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
  });
  app.get('/wp-json/wc/v3/customers/:id{[0-9]+}', (c) => {
    const cu = opts.customers.find((x) => x.id === Number(c.req.param('id')));
    return cu
      ? c.json({ ...cu, username: cu.email, role: 'customer', billing: {}, shipping: {} })
      : wpError(c, 404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
  });
  app.get('/wp-json/wc/v3/orders', (c) => {
    const customer = c.req.query('customer');
    const page = Number(c.req.query('page') ?? 1);
    const perPage = Number(c.req.query('per_page') ?? 10);
    if (perPage > 100) return wpError(c, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    let list = opts.orders.filter((o) => customer === undefined || o.customer_id === Number(customer));
    list = list.sort(
      (a, b) => (c.req.query('order') === 'asc' ? 1 : -1) * a.date_created_gmt.localeCompare(b.date_created_gmt),
    );
    const pages = Math.ceil(list.length / perPage);
    c.header('X-WP-Total', String(list.length));
    c.header('X-WP-TotalPages', String(pages));
    return c.json(list.slice((page - 1) * perPage, page * perPage).map(rest));
  });
  app.get('/wp-json/wc/v3/orders/:id{[0-9]+}', (c) => {
    const o = opts.orders.find((x) => x.id === Number(c.req.param('id')));
    return o ? c.json(rest(o)) : wpError(c, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
  });
  app.get('/wp-json/wc/store/v1/order/:id{[0-9]+}', (c) => {
    const o = opts.orders.find((x) => x.id === Number(c.req.param('id')));
    if (!o || o.order_key !== c.req.query('key'))
      return wpError(c, 401, 'woocommerce_rest_invalid_order', 'Invalid order ID or key provided.');
    if (o.billing_email !== c.req.query('billing_email'))
      return wpError(c, 401, 'woocommerce_rest_invalid_billing_email', 'Invalid billing email provided.');
    return c.json({
      id: o.id,
      status: o.status,
      items: o.line_items.map((l) => ({
        id: l.id,
        name: l.name,
        sku: l.sku,
        quantity: l.quantity,
        images: [{ id: 1, src: l.image.src, thumbnail: l.image.src }],
      })),
      coupons: [],
      fees: [],
      totals: {
        currency_code: o.currency,
        currency_minor_unit: 2,
        total_price: o.total.replace('.', ''),
        subtotal: o.total.replace('.', ''),
      },
      shipping_address: {},
      billing_address: { email: o.billing_email },
      needs_payment: false,
      needs_shipping: true,
      payment_requirements: ['products'],
      errors: [],
    });
  });
  const { app: outer, fail } = withFaults(app);
  return { app: outer, fail };
}

/** Hex HMAC of a user id, as the merchant's server computes `user.hash`. */
export const userHash = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');

/** Starts a proxy in front of vendor fakes on its own port; the handler is mounted at `/v1/proxy`. */
export async function startProxy(config: ProxyConfig): Promise<Running & { proxyUrl: string }> {
  const proxy = createProxy(config);
  const running = await listen((req) => proxy(req));
  return { ...running, proxyUrl: `${running.url}/v1/proxy` };
}

/** A fetch that times out quickly against a hanging server. */
export const startFake = (app: Hono) => listen((req) => app.fetch(req));
