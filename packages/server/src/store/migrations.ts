/**
 * Numbered schema migrations, recorded in `nectar_migrations` and applied at start.
 * Two instances starting at once serialize on a transaction-level advisory lock.
 */
import { renderStoredAnswers, seedDemoAnswers } from './answers.ts';
import type { Db, Queryable } from './db.ts';
import { DEMO_NUDGES } from './nudges-seed.ts';

export interface Migration {
  id: number;
  name: string;
  statements: string[];
  /** Runs after the statements, in the same transaction (e.g. seed rows with parameters). */
  run?: (tx: Queryable) => Promise<void>;
}

/** Arbitrary constant: the advisory lock key of Nectar's migrations. */
const MIGRATION_LOCK = 72_617_301;

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'tickets, timeline, attachments, idempotency, settings',
    statements: [
      `CREATE TABLE tickets (
        id text PRIMARY KEY,
        site text NOT NULL,
        number text NOT NULL UNIQUE,
        status text NOT NULL,
        category text NOT NULL,
        severity text NOT NULL,
        subject text,
        message text NOT NULL,
        order_ref text,
        items jsonb,
        contact_email text NOT NULL,
        contact_name text,
        locale text,
        context jsonb,
        access_token_hash text NOT NULL,
        assignee text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        first_response_by timestamptz NOT NULL,
        resolve_by timestamptz NOT NULL,
        first_responded_at timestamptz,
        resolved_at timestamptz
      )`,
      `CREATE INDEX tickets_site_created ON tickets (site, created_at)`,
      `CREATE INDEX tickets_status ON tickets (status)`,
      `CREATE TABLE timeline (
        seq bigserial PRIMARY KEY,
        ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        by_role text NOT NULL,
        author_name text,
        body text
      )`,
      `CREATE INDEX timeline_ticket ON timeline (ticket_id, seq)`,
      `CREATE TABLE attachments (
        id text PRIMARY KEY,
        site text NOT NULL,
        ticket_id text REFERENCES tickets (id) ON DELETE SET NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX attachments_ticket ON attachments (ticket_id)`,
      `CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key_hash text NOT NULL,
        request_hash text NOT NULL,
        status integer NOT NULL,
        response text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key_hash)
      )`,
      `CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      )`,
    ],
  },
  {
    id: 2,
    name: 'feedback (NPS, CSAT)',
    statements: [
      `CREATE TABLE feedback (
        id text PRIMARY KEY,
        site text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('nps', 'csat')),
        survey_id text NOT NULL,
        respondent text,
        ticket_id text REFERENCES tickets (id) ON DELETE CASCADE,
        score smallint NOT NULL,
        comment text,
        context jsonb,
        followed_up_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((kind = 'nps' AND score BETWEEN 0 AND 10 AND respondent IS NOT NULL)
          OR (kind = 'csat' AND score BETWEEN 1 AND 5 AND ticket_id IS NOT NULL))
      )`,
      `CREATE INDEX feedback_nps_respondent ON feedback (site, survey_id, respondent, created_at) WHERE kind = 'nps'`,
      `CREATE UNIQUE INDEX feedback_csat_ticket ON feedback (ticket_id) WHERE kind = 'csat'`,
      `CREATE INDEX feedback_kind_created ON feedback (kind, created_at)`,
    ],
  },
  {
    id: 3,
    name: 'tickets of verified shoppers',
    statements: [
      `ALTER TABLE tickets ADD COLUMN user_id text`,
      `CREATE INDEX tickets_site_user ON tickets (site, user_id, created_at)`,
    ],
  },
  {
    id: 4,
    name: 'knowledge base (answers, demo articles) and tracked events',
    statements: [
      `CREATE TABLE answers (
        id text PRIMARY KEY,
        site text NOT NULL,
        locale text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        url text,
        tags text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX answers_site_locale ON answers (site, locale)`,
      `CREATE TABLE events (
        id bigserial PRIMARY KEY,
        site text NOT NULL,
        name text NOT NULL,
        props jsonb,
        at timestamptz NOT NULL,
        anonymous_id text,
        received_at timestamptz NOT NULL
      )`,
      `CREATE INDEX events_site_name_at ON events (site, name, at)`,
    ],
    run: seedDemoAnswers,
  },
  {
    id: 5,
    name: 'shared rate-limit windows; who uploaded an attachment',
    statements: [
      `CREATE TABLE rate_limits (
        bucket text NOT NULL,
        window_start timestamptz NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (bucket)
      )`,
      `CREATE INDEX rate_limits_window ON rate_limits (window_start)`,
      `CREATE INDEX attachments_unattached ON attachments (created_at) WHERE ticket_id IS NULL`,
    ],
  },
  {
    id: 6,
    name: 'agent accounts and console sessions',
    statements: [
      `CREATE TABLE agents (
        id text PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'admin')),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      `CREATE UNIQUE INDEX agents_email ON agents (lower(email))`,
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`,
      `CREATE INDEX sessions_agent ON sessions (agent_id)`,
    ],
  },
  {
    id: 7,
    name: 'webhook endpoints, deliveries and their attempts',
    statements: [
      `CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        site text,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        previous_secret text,
        previous_until timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        delivered_at timestamptz
      )`,
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
      `CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at)`,
      `CREATE TABLE webhook_attempts (
        seq bigserial PRIMARY KEY,
        delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL
      )`,
      `CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, seq)`,
    ],
  },
  {
    id: 8,
    name: 'escalation and attribution of tickets',
    statements: [
      `ALTER TABLE tickets ADD COLUMN escalated_at timestamptz`,
      `ALTER TABLE tickets ADD COLUMN attribution jsonb`,
    ],
  },
  {
    id: 9,
    name: 'mail to shoppers, queued with its ticket and retried',
    statements: [
      `CREATE TABLE mail_outbox (
        id text PRIMARY KEY,
        site text NOT NULL,
        ticket_id text REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL,
        recipient text NOT NULL,
        locale text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL,
        next_attempt_at timestamptz,
        sent_at timestamptz
      )`,
      `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending'`,
      `CREATE INDEX mail_outbox_ticket ON mail_outbox (ticket_id, created_at)`,
    ],
  },
  {
    id: 10,
    name: 'canned replies per site, category and locale',
    statements: [
      `CREATE TABLE canned_replies (
        id text PRIMARY KEY,
        site text NOT NULL,
        category text,
        locale text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        position integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX canned_replies_site ON canned_replies (site, position)`,
    ],
  },
  {
    id: 11,
    name: 'priority hints from the ticket text',
    statements: [
      `ALTER TABLE tickets ADD COLUMN priority text NOT NULL DEFAULT 'normal'`,
      `ALTER TABLE tickets ADD COLUMN priority_reasons jsonb`,
    ],
  },
  {
    id: 12,
    name: 'scheduled jobs under a lease, broken promises, alert rules and their episodes',
    statements: [
      `CREATE TABLE jobs (
        name text PRIMARY KEY,
        leased_until timestamptz,
        last_run_at timestamptz
      )`,
      `ALTER TABLE tickets ADD COLUMN first_response_breached_at timestamptz`,
      `ALTER TABLE tickets ADD COLUMN resolution_breached_at timestamptz`,
      `CREATE TABLE alert_rules (
        id text PRIMARY KEY,
        site text NOT NULL,
        name text NOT NULL,
        metric text NOT NULL,
        comparison text NOT NULL CHECK (comparison IN ('<', '>')),
        value double precision NOT NULL,
        periods integer NOT NULL,
        position integer NOT NULL
      )`,
      `CREATE TABLE alert_episodes (
        id text PRIMARY KEY,
        rule_id text NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        site text NOT NULL,
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz,
        value double precision,
        cleared_value double precision
      )`,
      `CREATE UNIQUE INDEX alert_episodes_open ON alert_episodes (rule_id) WHERE cleared_at IS NULL`,
    ],
  },
  {
    id: 13,
    name: 'remedies recorded on the timeline',
    statements: [`ALTER TABLE timeline ADD COLUMN data jsonb`],
  },
  {
    id: 14,
    name: 'nudge rules per site, versioned; the demo site seeded',
    statements: [
      `CREATE TABLE nudge_rules (
        site text PRIMARY KEY,
        version integer NOT NULL,
        rules jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    ],
    run: async (tx) => {
      await tx.query(
        `INSERT INTO nudge_rules (site, version, rules, updated_at) VALUES ('demo', 1, $1, now()) ON CONFLICT DO NOTHING`,
        [JSON.stringify(DEMO_NUDGES)],
      );
    },
  },
  {
    id: 15,
    name: 'the problem board: a department claims a group, marks it a known issue, closes it; every change logged',
    statements: [
      // site '' is the board of every site; dimension is the board's `by`; group_key the group's value.
      `CREATE TABLE board_groups (
        site text NOT NULL,
        dimension text NOT NULL,
        group_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('claimed', 'known_issue', 'closed')),
        department text,
        note text,
        claimed_by text,
        claimed_at timestamptz,
        known_issue_by text,
        known_issue_at timestamptz,
        closed_by text,
        closed_at timestamptz,
        updated_by text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (site, dimension, group_key)
      )`,
      `CREATE TABLE board_group_events (
        id bigserial PRIMARY KEY,
        site text NOT NULL,
        dimension text NOT NULL,
        group_key text NOT NULL,
        status text NOT NULL,
        department text,
        note text,
        actor text,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX board_group_events_group ON board_group_events (site, dimension, group_key, at)`,
    ],
  },
  {
    id: 16,
    name: 'merchant settings per site: categories, business hours, remedy presets, status URL',
    statements: [
      `CREATE TABLE site_settings (
        site text PRIMARY KEY,
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text
      )`,
    ],
  },
  {
    id: 17,
    name: 'the knowledge hive: drafts, rendered HTML, helpful counts, editors, images, search gaps',
    statements: [
      `ALTER TABLE answers ADD COLUMN published boolean NOT NULL DEFAULT true`,
      `ALTER TABLE answers ADD COLUMN html text`,
      `ALTER TABLE answers ADD COLUMN helpful_yes integer NOT NULL DEFAULT 0`,
      `ALTER TABLE answers ADD COLUMN helpful_no integer NOT NULL DEFAULT 0`,
      `ALTER TABLE answers ADD COLUMN views integer NOT NULL DEFAULT 0`,
      `ALTER TABLE answers ADD COLUMN created_at timestamptz`,
      `ALTER TABLE answers ADD COLUMN updated_by text`,
      `ALTER TABLE answers ADD COLUMN source_ticket text`,
      `UPDATE answers SET created_at = updated_at`,
      `CREATE TABLE answer_images (
        id text PRIMARY KEY,
        site text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE answer_gaps (
        site text NOT NULL,
        locale text NOT NULL,
        query_key text NOT NULL,
        query text NOT NULL,
        count integer NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (site, locale, query_key)
      )`,
      `CREATE INDEX answer_gaps_rank ON answer_gaps (site, locale, count DESC, last_at DESC)`,
      // Bumped by every change of an article's content: instances reload their in-memory search index.
      `CREATE TABLE answers_version (id integer PRIMARY KEY, version bigint NOT NULL)`,
      `INSERT INTO answers_version (id, version) VALUES (1, 0)`,
      `CREATE FUNCTION answers_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE answers_version SET version = version + 1 WHERE id = 1;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER answers_changed AFTER INSERT OR DELETE OR TRUNCATE
         OR UPDATE OF site, locale, title, body, html, url, tags, published, updated_at ON answers
       FOR EACH STATEMENT EXECUTE FUNCTION answers_bump_version()`,
    ],
    run: renderStoredAnswers,
  },
  {
    id: 18,
    name: 'call-back requests on tickets; a verified shopper may file without an email',
    statements: [
      // callback: { phone, window?: { from, to, date? } } as the shopper asked; callback_by: the call is due by
      // then (the window's end, or the first-response promise without a window); callback_from: not before.
      `ALTER TABLE tickets ADD COLUMN callback jsonb, ADD COLUMN callback_from timestamptz, ADD COLUMN callback_by timestamptz`,
      `ALTER TABLE tickets ALTER COLUMN contact_email DROP NOT NULL`,
    ],
  },
  {
    id: 19,
    name: 'SKU to product and supplier mapping, per site (the merchant maintains it)',
    statements: [
      `CREATE TABLE supplier_map (
        site text NOT NULL,
        sku text NOT NULL,
        product text NOT NULL,
        supplier text NOT NULL,
        department text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (site, sku)
      )`,
    ],
  },
  {
    id: 20,
    name: 'call-backs an agent made: done (when, by whom), attempts without an answer',
    statements: [
      `ALTER TABLE tickets ADD COLUMN callback_done_at timestamptz, ADD COLUMN callback_done_by text,
         ADD COLUMN callback_attempts integer NOT NULL DEFAULT 0, ADD COLUMN callback_last_attempt_at timestamptz`,
    ],
  },
  {
    id: 21,
    name: 'one "was this helpful?" vote per browser and article (a changed mind moves it)',
    statements: [
      `CREATE TABLE answer_votes (
        site text NOT NULL,
        answer_id text NOT NULL,
        voter text NOT NULL,
        helpful boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site, answer_id, voter)
      )`,
    ],
  },
  {
    id: 22,
    name: 'agents on a ticket (presence): who has it open and who is typing a reply, shared by every instance',
    statements: [
      `CREATE TABLE agent_presence (
        ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        name text NOT NULL,
        typing boolean NOT NULL DEFAULT false,
        since timestamptz NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, agent_id)
      )`,
      `CREATE INDEX agent_presence_seen_at ON agent_presence (seen_at)`,
    ],
  },
];

export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS nectar_migrations (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM nectar_migrations');
    const done = new Set(rows.map((row) => Number(row.id)));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await migration.run?.(tx);
      await tx.query('INSERT INTO nectar_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(migration.id);
    }
    return applied;
  });
}
