import { expect } from '@open-wc/testing';
import { CATEGORIES, STATUSES } from '../schema.ts';
import {
  catalogs,
  errorMessage,
  formatDateTime,
  getMessages,
  hasMessages,
  loadMessages,
  pickCatalog,
  resolveLocale,
  validationMessage,
} from './index.ts';
import { NetworkError, RateLimitedError } from '../errors.ts';

/** Every leaf path of a catalog, with its kind (string or function). */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [`${prefix}()`];
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as object).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n', () => {
  it('has English at once and loads the other locales on demand, once', async () => {
    expect(hasMessages('en')).to.equal(true);
    expect(getMessages('en').statuses.resolved).to.equal('Resolved');
    const first = loadMessages('zh-Hant-HK');
    expect(loadMessages('zh-TW')).to.equal(first);
    const zhTW = await first;
    expect(zhTW.statuses.resolved).to.equal('已解決');
    expect(hasMessages('zh-TW')).to.equal(true);
    expect(getMessages('zh-TW')).to.equal(zhTW);
    expect(await loadMessages('zh-TW')).to.equal(zhTW);
    expect(await loadMessages('fr')).to.equal(getMessages('en'));
  });

  it('has every key in en, zh-CN and zh-TW, with the same kind', async () => {
    const en = shape(catalogs.en).sort();
    expect(en.length).to.be.greaterThan(60);
    expect(shape(await loadMessages('zh-CN')).sort()).to.deep.equal(en);
    expect(shape(await loadMessages('zh-TW')).sort()).to.deep.equal(en);
  });

  it('gives every category, status and reason a non-empty, translated text', async () => {
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      const m = await loadMessages(locale);
      for (const c of CATEGORIES) {
        expect(m.categories[c].label).to.match(/[\u4e00-\u9fff]/);
        expect(m.categories[c].hint).to.match(/[\u4e00-\u9fff]/);
      }
      for (const s of STATUSES) expect(m.statuses[s]).to.match(/[\u4e00-\u9fff]/);
    }
    // Simplified and Traditional differ where the characters do.
    expect((await loadMessages('zh-CN')).statuses.resolved).to.equal('已解决');
    expect((await loadMessages('zh-TW')).statuses.resolved).to.equal('已解決');
    expect(catalogs.en.categories.damaged.hint).to.match(/broken or damaged/i);
    expect(catalogs.en.categories.damaged.hint).to.match(/photo/i);
  });

  it('formats strings that take values, with plurals', async () => {
    await loadMessages('zh-TW');
    const en = getMessages('en');
    expect(en.ticket.photos(1)).to.equal('1 photo');
    expect(en.ticket.photos(3)).to.equal('3 photos');
    expect(en.ticket.firstResponseBy('3:00 PM')).to.contain('3:00 PM');
    expect(getMessages('zh-TW').ticket.firstResponseBy('下午3:00')).to.contain('下午3:00');
    expect(en.errors.rate_limited(1)).to.contain('a second');
    expect(en.errors.rate_limited(30)).to.contain('30 seconds');
  });

  it('matches browser locale tags', () => {
    const cases: Record<string, string> = {
      zh: 'zh-CN',
      'zh-CN': 'zh-CN',
      'zh-Hans': 'zh-CN',
      'zh-SG': 'zh-CN',
      'zh-Hans-CN': 'zh-CN',
      zh_cn: 'zh-CN',
      'zh-TW': 'zh-TW',
      'zh-HK': 'zh-TW',
      'zh-MO': 'zh-TW',
      'zh-Hant': 'zh-TW',
      'zh-Hant-HK': 'zh-TW',
      'en-GB': 'en',
      fr: 'en',
      '': 'en',
    };
    for (const [input, expected] of Object.entries(cases)) expect(resolveLocale(input), input).to.equal(expected);
  });

  it('formats dates with Intl in the given time zone', () => {
    const iso = '2025-03-04T15:30:00Z';
    expect(formatDateTime(iso, 'en', 'UTC')).to.match(/Mar 4, 2025.*3:30\s?PM/);
    expect(formatDateTime(iso, 'zh-CN', 'Asia/Shanghai')).to.contain('2025年3月4日');
    expect(formatDateTime(iso, 'zh-CN', 'Asia/Shanghai')).to.contain('23:30');
    expect(formatDateTime(iso, 'zh-TW', 'Asia/Taipei')).to.contain('2025年3月4日');
    expect(formatDateTime('not a date', 'en')).to.equal('');
  });

  it('localizes validation reasons and typed errors', async () => {
    const zh = await loadMessages('zh-CN');
    expect(getMessages('zh-CN')).to.equal(zh);
    expect(validationMessage(zh, 'required')).to.equal(zh.validation.required);
    expect(validationMessage(getMessages('en'), 'too_long', 'message')).to.contain('5,000');
    expect(validationMessage(getMessages('en'), 'file_too_big')).to.contain('10 MB');
    expect(validationMessage(zh, 'something_new')).to.equal(zh.validation.invalid);
    expect(errorMessage(zh, new RateLimitedError('x', 20))).to.contain('20');
    expect(errorMessage(getMessages('en'), new NetworkError())).to.equal(getMessages('en').errors.network);
    expect(errorMessage(getMessages('en'), new Error('?'))).to.equal(getMessages('en').errors.unknown);
  });

  it('lets widgets pick their own catalogs with an English fallback', () => {
    const set = { en: { hi: 'Hi' }, 'zh-CN': { hi: '你好' } };
    expect(pickCatalog(set, 'zh-Hans').hi).to.equal('你好');
    expect(pickCatalog(set, 'zh-TW').hi).to.equal('Hi');
  });
});
