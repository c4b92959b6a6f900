/**
 * Test fixture: a memory desk with a small fixed knowledge base (`searchAnswers`), so the widgets'
 * tests do not depend on which desk ships one. Not a test file itself.
 */
import { memoryDesk, type MemoryDesk, type MemoryDeskOptions } from '@nectar/adapters/memory';
import type { Answer, Locale } from '@nectar/core/schema';
import { NetworkError } from '@nectar/core/errors';

export const KB: Answer[] = [
  {
    id: 'refunds',
    title: 'How do refunds work?',
    body: 'Once we receive the item, the refund reaches your card within 5 working days.\nShipping costs are refunded too.',
    locale: 'en',
    url: 'https://shop.example/help/refunds',
    score: 3,
  },
  {
    id: 'late',
    title: 'My parcel is late',
    body: 'Most parcels arrive within 3 days. <img src=x onerror=alert(1)> is shown as text.',
    locale: 'en',
    score: 2,
  },
  {
    id: 'refunds-zh',
    title: '如何申请退款？',
    body: '收到退货后，退款将在 5 个工作日内退回。',
    locale: 'zh-CN',
    score: 3,
  },
];

export interface KbDesk extends MemoryDesk {
  /** Queries asked, in order. */
  readonly queries: string[];
  /** Makes the next searches fail with a network error. */
  failSearch: boolean;
}

export function kbDesk(options: MemoryDeskOptions = {}): KbDesk {
  const desk = memoryDesk(options) as KbDesk;
  const queries: string[] = [];
  Object.defineProperty(desk, 'queries', { value: queries });
  desk.failSearch = false;
  desk.searchAnswers = async (query: string, o: { locale: Locale; limit?: number }) => {
    queries.push(query);
    await new Promise((r) => setTimeout(r, 20));
    if (desk.failSearch) throw new NetworkError('offline');
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return KB.filter(
      (a) =>
        a.locale === o.locale && words.some((w) => `${a.title} ${a.body}`.toLowerCase().includes(w.replace(/s$/, ''))),
    ).slice(0, o.limit ?? 5);
  };
  return desk;
}
