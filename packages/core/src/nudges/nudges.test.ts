import { expect, waitUntil } from '@open-wc/testing';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import {
  createClient,
  memoryPlatform,
  type ClientDeps,
  type CommerceAdapter,
  type MemoryPlatform,
  type NectarClient,
  type NectarConfig,
  type NudgeShown,
  type Order,
  type SessionStore,
} from '../index.ts';
import type { NudgeRule } from '../schema/nudge.ts';
import type { NudgeSignals, SignalSink } from '../platform/signals.ts';
import { bucket, urlMatcher } from './engine.ts';

/** The page as the engine hears it, driven by the test. */
function page(path = '/') {
  let sink: SignalSink | undefined;
  let device: 'mobile' | 'desktop' = 'desktop';
  const signals: NudgeSignals = {
    path: () => path,
    device: () => device,
    listen(s) {
      sink = s;
      return () => {
        sink = undefined;
      };
    },
  };
  return {
    signals,
    go(next: string) {
      path = next;
      sink?.navigate(next);
    },
    scroll: (percent: number) => sink?.scroll(percent),
    exit: () => sink?.exitIntent(),
    active: () => sink?.activity(),
    hide: () => sink?.hide(),
    setDevice: (d: typeof device) => void (device = d),
    get listening() {
      return sink !== undefined;
    },
  };
}

const memorySession = (): SessionStore => {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v) };
};

const rule = (over: Partial<NudgeRule> & Pick<NudgeRule, 'id'>): NudgeRule => ({
  trigger: { kind: 'page_view' },
  content: {
    en: {
      title: `Title ${over.id}`,
      body: 'Body',
      actions: [{ label: 'Start a return', do: 'open_contact', category: 'return_refund' }],
    },
    'zh-CN': { title: `标题 ${over.id}` },
  },
  holdout: 0,
  ...over,
});

let clients: NectarClient[] = [];
let namespaces: string[] = [];
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
  for (const n of namespaces) indexedDB.deleteDatabase(`nectar:${n}`);
  namespaces = [];
});

interface Setup {
  desk?: MemoryDesk;
  config?: Partial<NectarConfig>;
  path?: string;
  namespace?: string;
  platform?: MemoryPlatform;
  session?: SessionStore;
  deps?: ClientDeps;
}

/** A client with the engine's page twin and virtual timers; `shown` collects what it showed. */
function setup(rules: NudgeRule[], o: Setup = {}) {
  const namespace = o.namespace ?? `nu${Math.random().toString(36).slice(2, 10)}`;
  namespaces.push(namespace);
  const desk = o.desk ?? memoryDesk({ nudges: rules });
  const platform = o.platform ?? memoryPlatform({ virtualTime: true });
  const p = page(o.path ?? '/');
  const client = createClient(
    { desk, namespace, consent: { behavior: true }, ...o.config },
    { platform, nudgeSignals: p.signals, session: o.session ?? memorySession(), ...o.deps },
  );
  clients.push(client);
  const shown: NudgeShown[] = [];
  const hidden: string[] = [];
  client.on('nudge-show', (n) => shown.push(n));
  client.on('nudge-hide', ({ ruleId }) => hidden.push(ruleId));
  // The engine starts once the store is open; explain() waits for its first page.
  const ready = () => client.nudges.explain();
  return { client, desk, platform, page: p, shown, hidden, namespace, ready };
}

/** Sends what waits: the batch timer, then the outbox. */
async function sent(t: { platform: MemoryPlatform; client: NectarClient; desk: MemoryDesk }) {
  await t.platform.advance(2500);
  await t.client.flush();
  return t.desk.events().map((e) => [e.name, e.props?.ruleId, e.props?.arm ?? e.props?.action ?? null]);
}

describe('nudges: triggers', () => {
  it('shows a page_view rule on a matching page, reports eligible and shown, and explains it', async () => {
    const t = setup([rule({ id: 'hello', trigger: { kind: 'page_view', url: { match: 'prefix', value: '/shop' } } })], {
      path: '/shop/shoes',
    });
    await t.ready();
    expect(t.shown.map((n) => [n.ruleId, n.title, n.variant])).to.deep.equal([['hello', 'Title hello', 'toast']]);
    expect(t.client.nudges.current()?.ruleId).to.equal('hello');
    const [why] = await t.client.nudges.explain('hello');
    expect(why).to.include({ ruleId: 'hello', source: 'site', reason: 'shown', shows: 1 });
    expect(await sent(t)).to.deep.equal([
      ['nudge_eligible', 'hello', 'shown'],
      ['nudge_shown', 'hello', null],
    ]);
    // One batch for both.
    expect(t.desk.calls.sendEvents).to.equal(1);
  });

  it('hears a single-page app navigate (and nectar.page())', async () => {
    const t = setup([
      rule({ id: 'returns', trigger: { kind: 'page_view', url: { match: 'glob', value: '/returns*' } } }),
    ]);
    await t.ready();
    expect(t.shown).to.have.length(0);
    expect((await t.client.nudges.explain('returns'))[0]!.reason).to.equal('trigger_not_met');
    t.page.go('/returns/new');
    await waitUntil(() => t.shown.length === 1);
    const u = setup([rule({ id: 'faq', trigger: { kind: 'page_view', url: { match: 'exact', value: '/faq' } } })]);
    await u.ready();
    u.client.page('https://shop.example/faq?from=menu');
    await waitUntil(() => u.shown.length === 1);
  });

  it('dwell: shows after the seconds on the page; leaving first, or a cancelOn event, cancels it', async () => {
    const dwell = rule({
      id: 'returns-dwell',
      trigger: { kind: 'dwell', seconds: 20, url: { match: 'prefix', value: '/returns' } },
      cancelOn: ['return_started'],
    });
    const t = setup([dwell], { path: '/returns' });
    await t.ready();
    await t.platform.advance(19_000);
    await t.ready();
    expect(t.shown).to.have.length(0);
    await t.platform.advance(1_000);
    await t.ready();
    expect(t.shown.map((n) => n.ruleId)).to.deep.equal(['returns-dwell']);

    const away = setup([dwell], { path: '/returns' });
    await away.ready();
    await away.platform.advance(10_000);
    away.page.go('/shoes');
    await away.platform.advance(30_000);
    await away.ready();
    expect(away.shown).to.have.length(0);

    const cancelled = setup([dwell], { path: '/returns' });
    await cancelled.ready();
    await cancelled.platform.advance(5_000);
    await cancelled.client.track('return_started');
    await cancelled.platform.advance(30_000);
    await cancelled.ready();
    expect(cancelled.shown).to.have.length(0);
  });

  it('idle: input moves the deadline', async () => {
    const t = setup([rule({ id: 'idle', trigger: { kind: 'idle', seconds: 30 } })]);
    await t.ready();
    await t.platform.advance(20_000);
    t.page.active();
    await t.platform.advance(20_000);
    await t.ready();
    expect(t.shown).to.have.length(0);
    await t.platform.advance(10_000);
    await t.ready();
    expect(t.shown).to.have.length(1);
  });

  it('scroll depth and exit intent', async () => {
    const t = setup([rule({ id: 'deep', trigger: { kind: 'scroll', percent: 50 } })]);
    await t.ready();
    t.page.scroll(30);
    await t.platform.advance(10);
    await t.ready();
    expect(t.shown).to.have.length(0);
    t.page.scroll(55);
    await waitUntil(() => t.shown.length === 1);

    const e = setup(
      [rule({ id: 'leaving', trigger: { kind: 'exit_intent', url: { match: 'regex', value: '^/cart' } } })],
      {
        path: '/cart',
      },
    );
    await e.ready();
    e.page.exit();
    await waitUntil(() => e.shown.length === 1);
  });

  it('event: a tracked name with property conditions', async () => {
    const r = rule({
      id: 'pay-error',
      trigger: {
        kind: 'event',
        name: 'checkout_error',
        where: [
          { prop: 'amount', op: 'gt', value: 100 },
          { prop: 'method', op: 'in', value: ['card', 'paypal'] },
          { prop: 'message', op: 'contains', value: 'declined' },
        ],
      },
    });
    const t = setup([r]);
    await t.ready();
    await t.client.track('checkout_error', { amount: 50, method: 'card', message: 'Card declined' });
    await t.client.track('checkout_error', { amount: 150, method: 'bank', message: 'Card declined' });
    await t.platform.advance(10);
    await t.ready();
    expect(t.shown).to.have.length(0);
    await t.client.track('checkout_error', { amount: 150, method: 'card', message: 'Card DECLINED by bank' });
    await waitUntil(() => t.shown.length === 1);
  });

  it('search_no_results and ticket_resolved', async () => {
    const t = setup([rule({ id: 'nothing-found', trigger: { kind: 'search_no_results' } })]);
    await t.ready();
    await t.client.answers.search('how do I track my order');
    await t.platform.advance(10);
    await t.ready();
    expect(t.shown).to.have.length(0);
    await t.client.answers.search('zzqx florble');
    await waitUntil(() => t.shown.length === 1);

    const r = setup([rule({ id: 'resolved', trigger: { kind: 'ticket_resolved' } })]);
    await r.ready();
    const sentTicket = await r.client.tickets.submit({
      category: 'damaged',
      message: 'The vase arrived broken.',
      contact: { email: 'ana@example.com' },
    });
    if (sentTicket.state !== 'sent') throw new Error('expected sent');
    r.desk.resolve(sentTicket.ticket.id);
    await r.client.tickets.get(sentTicket.ticket.id);
    await waitUntil(() => r.shown.length === 1);
  });

  it('repeat_visit: the third visit within a week', async () => {
    const platform = memoryPlatform({ virtualTime: true });
    const namespace = `nu${Math.random().toString(36).slice(2, 10)}`;
    const r = rule({ id: 'welcome-back', trigger: { kind: 'repeat_visit', times: 3, withinDays: 7 } });
    for (let visit = 1; visit <= 3; visit++) {
      // Each visit a new tab session.
      const t = setup([r], { namespace, platform });
      await t.ready();
      expect(t.shown.length, `visit ${visit}`).to.equal(visit === 3 ? 1 : 0);
      t.client.destroy();
      await platform.advance(86_400_000);
    }
  });

  it('order_late: the verified shopper’s late order, with it chosen in the contact form', async () => {
    const order = (number: string, placedDaysAgo: number, delivered = false): Order => ({
      id: number,
      number,
      placedAt: new Date(Date.now() - placedDaysAgo * 86_400_000).toISOString(),
      status: 'open',
      fulfillment: delivered ? 'delivered' : 'shipped',
      total: { amount: '10.00', currency: 'EUR' },
      lines: [],
      shipments: [],
    });
    const commerce: CommerceAdapter = {
      name: 'test',
      capabilities: { tracking: false, deliveryEstimate: false, guestLookup: false, needsProxy: false },
      identify: async () => ({ id: 'u1', email: null, name: null }),
      listOrders: async () => ({ orders: [order('#1002', 2), order('#1001', 12)], next: null }),
      getOrder: async () => order('#1001', 12),
    };
    const late = rule({ id: 'late', trigger: { kind: 'order_late' }, purpose: 'service' });
    const anonymous = setup([late], { config: { commerce } });
    await anonymous.ready();
    expect(anonymous.shown).to.have.length(0);

    // Without behavioural consent, when the merchant allows service nudges, for a verified shopper.
    const t = setup([late], {
      config: {
        commerce,
        consent: { behavior: false },
        user: { id: 'u1', hash: 'h' },
        nudgePolicy: { serviceWithoutConsent: true },
      },
    });
    const opened: unknown[] = [];
    t.client.on('open', (d) => opened.push(d));
    await t.ready();
    expect(t.shown.map((n) => [n.ruleId, n.orderRef])).to.deep.equal([['late', '#1001']]);
    await t.client.nudges.act('late', 0);
    expect(opened).to.deep.equal([{ view: 'contact', prefill: { category: 'return_refund', orderRef: '#1001' } }]);
    // No consent: nothing is sent.
    expect(await sent(t)).to.deep.equal([]);
  });
});

describe('nudges: consent', () => {
  it('without consent nothing is heard, evaluated or sent; granting starts it; withdrawing stops it', async () => {
    const t = setup([rule({ id: 'hello' }), rule({ id: 'later', trigger: { kind: 'dwell', seconds: 5 } })], {
      config: { consent: { behavior: false } },
    });
    await t.platform.advance(100);
    expect(t.page.listening).to.equal(false);
    expect(t.shown).to.have.length(0);
    const why = await t.client.nudges.explain();
    expect(why.map((w) => [w.ruleId, w.reason])).to.deep.equal([
      ['hello', 'consent'],
      ['later', 'consent'],
    ]);
    expect(t.page.listening).to.equal(false);

    t.client.setConsent({ behavior: true });
    await waitUntil(() => t.shown.length === 1);
    expect(t.page.listening).to.equal(true);
    t.client.setConsent({ behavior: false });
    expect(t.hidden).to.deep.equal(['hello']);
    expect(t.page.listening).to.equal(false);
    // The dwell that was pending is dropped; the waiting outcomes are not sent.
    await t.platform.advance(10_000);
    await t.ready();
    expect(t.shown).to.have.length(1);
    expect(await sent(t)).to.deep.equal([]);
  });
});

describe('nudges: frequency', () => {
  it('maxShows and cooldown hold across reloads', async () => {
    const platform = memoryPlatform({ virtualTime: true });
    const namespace = `nu${Math.random().toString(36).slice(2, 10)}`;
    const r = rule({ id: 'twice', frequency: { maxShows: 2, cooldownHours: 1 } });
    const visit = async () => {
      const t = setup([r], { namespace, platform });
      await t.ready();
      const n = t.shown.length;
      const [why] = await t.client.nudges.explain('twice');
      t.client.destroy();
      return [n, why!.reason];
    };
    expect(await visit()).to.deep.equal([1, 'shown']);
    await platform.advance(30 * 60_000);
    expect(await visit()).to.deep.equal([0, 'cooldown']);
    await platform.advance(60 * 60_000);
    expect(await visit()).to.deep.equal([1, 'shown']);
    await platform.advance(2 * 3_600_000);
    expect(await visit()).to.deep.equal([0, 'max_shows']);
  });

  it('two tabs share the daily cap; one tab session shows one nudge', async () => {
    const platform = memoryPlatform({ virtualTime: true });
    const namespace = `nu${Math.random().toString(36).slice(2, 10)}`;
    const rules = [rule({ id: 'a' }), rule({ id: 'b' }), rule({ id: 'c' })];
    const policy = { nudgePolicy: { maxPerSession: 5, maxPerDay: 2 } };
    const one = setup(rules, { namespace, platform, config: policy });
    const two = setup(rules, { namespace, platform, config: policy });
    await Promise.all([one.ready(), two.ready()]);
    // One visible at a time in each tab; two tabs, two shows, then the day is full.
    expect(one.shown.length + two.shown.length).to.equal(2);
    await one.client.nudges.dismiss(one.shown[0]!.ruleId);
    one.page.go('/next');
    await one.ready();
    const third = setup(rules, { namespace, platform, config: policy });
    await third.ready();
    expect(third.shown).to.have.length(0);
    expect((await third.client.nudges.explain()).map((w) => w.reason)).to.include('daily_cap');

    const session = setup(rules);
    await session.ready();
    await session.client.nudges.dismiss(session.shown[0]!.ruleId);
    session.page.go('/other');
    await session.ready();
    await session.ready();
    expect(session.shown).to.have.length(1);
    expect((await session.client.nudges.explain()).map((w) => w.reason)).to.include('session_cap');
  });

  it('a dismissal backs off; "don’t show again" is for good', async () => {
    const platform = memoryPlatform({ virtualTime: true });
    const namespace = `nu${Math.random().toString(36).slice(2, 10)}`;
    const r = rule({ id: 'nag' });
    const visit = async (act?: (c: NectarClient) => Promise<void>) => {
      const t = setup([r], { namespace, platform });
      await t.ready();
      if (act && t.shown.length) await act(t.client);
      const [why] = await t.client.nudges.explain('nag');
      t.client.destroy();
      return [t.shown.length, why!.reason];
    };
    expect(await visit((c) => c.nudges.dismiss('nag'))).to.deep.equal([1, 'dismissed_recently']);
    await platform.advance(23 * 3_600_000);
    expect(await visit()).to.deep.equal([0, 'dismissed_recently']);
    await platform.advance(2 * 3_600_000);
    expect(await visit((c) => c.nudges.dismiss('nag'))).to.deep.equal([1, 'dismissed_recently']);
    // The second dismissal keeps it away two days.
    await platform.advance(30 * 3_600_000);
    expect(await visit()).to.deep.equal([0, 'dismissed_recently']);
    await platform.advance(20 * 3_600_000);
    expect(await visit((c) => c.nudges.dismiss('nag', { forever: true }))).to.deep.equal([1, 'dont_show_again']);
    await platform.advance(365 * 86_400_000);
    expect(await visit()).to.deep.equal([0, 'dont_show_again']);
  });

  it('quiet pages, audience and priority', async () => {
    const quiet = setup([rule({ id: 'q' })], {
      path: '/checkout/payment/card',
      config: { nudgePolicy: { quietUrls: ['/checkout/payment*'] } },
    });
    await quiet.ready();
    expect(quiet.shown).to.have.length(0);
    expect((await quiet.client.nudges.explain('q'))[0]!.reason).to.equal('quiet_page');

    const zh = setup(
      [
        rule({ id: 'mobile-only', audience: { device: 'mobile' }, priority: 90 }),
        rule({ id: 'zh', audience: { locales: ['zh-CN'] }, priority: 10 }),
        rule({ id: 'best', priority: 80 }),
      ],
      { config: { locale: 'zh-CN' } },
    );
    await zh.ready();
    // Highest priority first: mobile-only is not for this desktop; best wins over zh.
    expect(zh.shown.map((n) => n.ruleId)).to.deep.equal(['best']);
    const why = Object.fromEntries((await zh.client.nudges.explain()).map((w) => [w.ruleId, w.reason]));
    expect(why).to.deep.equal({ 'mobile-only': 'audience', best: 'shown', zh: 'session_cap' });
    expect(zh.shown[0]!.title).to.equal('标题 best');
  });
});

describe('nudges: holdout and outcomes', () => {
  it('buckets are stable and the observed split follows the configured holdout', () => {
    expect(bucket('r_abc', 'rule')).to.equal(bucket('r_abc', 'rule'));
    let held = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++)
      if (bucket(`r_${i.toString(36)}-${(i * 7919).toString(16)}`, 'returns-dwell') < 10) held++;
    // 10 % ± 1 point (about 4.7 standard errors).
    expect(Math.abs(held / n - 0.1)).to.be.below(0.01);
  });

  it('a held-out shopper is recorded as eligible and never shown, on every reload; conversions count for both arms', async () => {
    const r = rule({ id: 'measured', holdout: 50, goal: { event: 'ticket_created', withinMinutes: 60 } });
    const heldId = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].find((id) => bucket(id, 'measured') < 50)!;
    const shownId = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].find((id) => bucket(id, 'measured') >= 50)!;
    const platform = memoryPlatform({ virtualTime: true });
    const namespace = `nu${Math.random().toString(36).slice(2, 10)}`;
    const desk = memoryDesk({ nudges: [r] });
    for (let reload = 0; reload < 2; reload++) {
      const held = setup([r], { desk, platform, namespace, config: { user: { id: heldId } } });
      await held.ready();
      expect(held.shown).to.have.length(0);
      const [why] = await held.client.nudges.explain('measured');
      expect(why).to.include({ reason: 'held_out', heldOut: true, holdout: 50 });
      held.client.destroy();
    }
    const held = setup([r], { desk, platform, namespace: `${namespace}b`, config: { user: { id: heldId } } });
    await held.ready();
    await held.client.tickets.submit({
      category: 'other',
      message: 'Hello there',
      contact: { email: 'a@example.com' },
    });
    await waitUntil(async () => (await sent(held)).some(([name]) => name === 'nudge_converted'));
    const shown = setup([r], { desk, platform, config: { user: { id: shownId } } });
    await shown.ready();
    expect(shown.shown).to.have.length(1);
    await shown.client.nudges.act('measured', 0);
    await shown.client.tickets.submit({
      category: 'other',
      message: 'Hello there',
      contact: { email: 'b@example.com' },
    });
    await waitUntil(async () => (await sent(shown)).filter(([name]) => name === 'nudge_converted').length === 2);
    const events = desk.events().map((e) => [e.name, e.props?.arm ?? e.props?.action ?? null]);
    expect(events).to.deep.include.members([
      ['nudge_eligible', 'holdout'],
      ['nudge_converted', 'holdout'],
      ['nudge_eligible', 'shown'],
      ['nudge_shown', null],
      ['nudge_clicked', 'open_contact'],
      ['nudge_converted', 'shown'],
    ]);
    expect(events.filter(([name]) => name === 'nudge_shown')).to.have.length(1);
  });
});

describe('nudges: rules', () => {
  it('a bad rule from the config is skipped with one warning naming its fields; the others run', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const bad = { id: 'Bad Id', trigger: { kind: 'dwell', seconds: -1 }, content: { fr: { title: 'x' } } };
      const t = setup([], { config: { nudges: [bad, rule({ id: 'good' })] } });
      await t.ready();
      expect(t.shown.map((n) => n.ruleId)).to.deep.equal(['good']);
      const why = await t.client.nudges.explain('Bad Id');
      expect(why[0]!.reason).to.equal('invalid');
      expect(why[0]!.fields).to.include.keys('id', 'trigger.seconds', 'content.en');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.match(/Bad Id.*trigger\.seconds/);
    } finally {
      console.warn = warn;
    }
  });

  it('createNectar names a bad nudgePolicy field', () => {
    expect(() =>
      createClient({ desk: memoryDesk(), nudgePolicy: { maxPerDay: -1, quietUrls: 'x' } as never }),
    ).to.throw(/nudgePolicy.maxPerDay \(invalid\), nudgePolicy.quietUrls \(invalid\)/);
  });

  it('matches URLs exactly, by prefix, glob and regex', () => {
    const m = (match: 'exact' | 'prefix' | 'glob' | 'regex', value: string) => urlMatcher({ match, value });
    expect(m('exact', '/returns')('/returns?x=1')).to.equal(true);
    expect(m('exact', '/returns')('/returns/new')).to.equal(false);
    expect(m('prefix', '/returns')('/returns/new')).to.equal(true);
    expect(m('glob', '*return*')('/help/returns')).to.equal(true);
    expect(m('glob', '/a/?/c')('/a/b/c')).to.equal(true);
    expect(m('glob', '/a/?/c')('/a/bb/c')).to.equal(false);
    expect(m('regex', '^/orders/\\d+$')('/orders/42')).to.equal(true);
    expect(m('regex', '^/orders/\\d+$')('/orders/x')).to.equal(false);
  });
});
