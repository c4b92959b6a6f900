import { expect } from '@open-wc/testing';
import { memoryDesk } from '@nectar/adapters/memory';
import { createNectar, getDefaultClient, onDefaultClient, isValidationError, ValidationError } from './index.ts';
import type { NectarClient, NectarConfig } from './index.ts';
import * as z from 'zod/mini';
import { EMAIL } from './config.ts';

const clients: NectarClient[] = [];
const make = (config: Partial<NectarConfig> = {}) => {
  const c = createNectar({ desk: memoryDesk(), storage: 'memory', ...config });
  clients.push(c);
  return c;
};
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

describe('createNectar', () => {
  it('throws one ValidationError naming every bad field', () => {
    let error: unknown;
    try {
      createNectar({ locale: 42, user: { email: 'not-an-email' }, storage: 'disk', namespace: 'a b' } as never);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).to.equal(true);
    expect((error as ValidationError).fields).to.deep.equal({
      desk: 'required',
      locale: 'invalid_type',
      'user.email': 'invalid_email',
      storage: 'invalid_choice',
      namespace: 'invalid',
    });
    expect((error as Error).message)
      .to.contain('desk')
      .and.to.contain('user.email');
  });

  it('checks the config as the zod schema it replaced did (every field, each reason, the user kept trimmed)', () => {
    const fieldsOf = (config: unknown) => {
      try {
        createNectar(config as never).destroy();
        return {};
      } catch (e) {
        return (e as ValidationError).fields;
      }
    };
    const desk = memoryDesk();
    expect(
      fieldsOf({
        desk,
        commerce: {},
        locale: 'x'.repeat(36),
        user: { id: 7, email: `${'a'.repeat(250)}@b.co`, name: 'x'.repeat(121), hash: 'h' },
        consent: { behavior: 'yes' },
        nudges: {},
        storage: 'memory',
        namespace: 5,
      }),
    ).to.deep.equal({
      commerce: 'invalid',
      locale: 'too_long',
      'user.id': 'invalid_type',
      'user.email': 'too_long',
      'user.name': 'too_long',
      'consent.behavior': 'invalid_type',
      nudges: 'invalid_type',
      namespace: 'invalid_type',
    });
    expect(fieldsOf({ desk, storage: 'memory', user: 'ann', consent: [] })).to.deep.equal({
      user: 'invalid_type',
      consent: 'invalid_type',
    });
    const c = make({ user: { email: '  ann@example.com ', extra: 1 } as never, consent: { behavior: true } });
    expect(c.user).to.deep.equal({ email: 'ann@example.com' });
    expect(c.consent).to.deep.equal({ behavior: true });
    expect(() => c.identify(undefined as never))
      .to.throw(ValidationError)
      .with.property('fields')
      .that.deep.equals({ _: 'required' });
  });

  it("accepts the emails zod's z.email() accepts", () => {
    const emails = ['a@b.co', "o'neil+tag@mail.example.org", 'a.b-c@d-e.fg', 'a@b', 'a..b@c.de', '.a@b.cd', 'a@-b.cd'];
    for (const email of emails) {
      expect(EMAIL.test(email), email).to.equal(z.email().safeParse(email).success);
    }
  });

  it('rejects a desk that is not a DeskAdapter', () => {
    expect(() => createNectar({ desk: {} } as never))
      .to.throw(ValidationError)
      .with.property('fields')
      .that.deep.equals({ desk: 'invalid' });
  });

  it('makes the newest client the default and tells subscribers', () => {
    const seen: NectarClient[] = [];
    const a = make();
    const off = onDefaultClient((c) => seen.push(c));
    expect(seen).to.deep.equal([a]);
    const b = make();
    expect(getDefaultClient()).to.equal(b);
    expect(seen).to.deep.equal([a, b]);
    off();
    make();
    expect(seen.length).to.equal(2);
    const current = getDefaultClient()!;
    current.destroy();
    expect(getDefaultClient()).to.equal(undefined);
  });

  it('resolves the locale from config and changes it with setLocale', () => {
    const c = make({ locale: 'zh-Hant-HK' });
    expect(c.locale).to.equal('zh-TW');
    const changes: string[] = [];
    c.on('locale-change', ({ locale }) => changes.push(locale));
    c.setLocale('zh');
    c.setLocale('zh-CN');
    expect(c.locale).to.equal('zh-CN');
    expect(changes).to.deep.equal(['zh-CN']);
  });

  it('emits open and close for widgets, and stops emitting after destroy', () => {
    const c = make();
    const events: unknown[] = [];
    c.on('open', (d) => events.push(['open', d]));
    c.on('close', () => events.push(['close']));
    c.open('contact', { category: 'damaged' });
    c.close();
    c.destroy();
    c.open();
    expect(events).to.deep.equal([['open', { view: 'contact', prefill: { category: 'damaged' } }], ['close']]);
  });

  it('keeps an open() asked for before any widget listens for the first one that does', async () => {
    const c = make();
    c.open('contact', { orderRef: '#1001' });
    const first: unknown[] = [];
    const second: unknown[] = [];
    c.on('open', (d) => first.push(d));
    c.on('open', (d) => second.push(d));
    await Promise.resolve();
    expect(first).to.deep.equal([{ view: 'contact', prefill: { orderRef: '#1001' } }]);
    expect(second).to.deep.equal([{ view: 'contact', prefill: { orderRef: '#1001' } }]);
    c.close();
    c.destroy();
  });

  it('forgets a pending open() when close() comes first', async () => {
    const c = make();
    c.open('contact');
    c.close();
    const seen: unknown[] = [];
    c.on('open', (d) => seen.push(d));
    await Promise.resolve();
    expect(seen).to.deep.equal([]);
    c.destroy();
  });
});
