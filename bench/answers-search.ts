/**
 * Knowledge-base search latency: `GET /v1/answers?q=&locale=` on PGlite over loopback HTTP, with 2,000
 * published articles per locale (en, zh-CN) of varied generated text on the demo site. Queries are two or
 * three words of the articles' vocabulary (some find nothing and are recorded as gaps, as shoppers'
 * searches are), sent one at a time after a warm-up. Prints the median and p95 per locale and overall;
 * exit code 1 when the overall p95 is over the budget (ARCHITECTURE.md: ≤ 20 ms p95 on PGlite).
 *
 *   node --conditions=@nectar/source --import tsx bench/answers-search.ts
 */
import type { Locale } from '../packages/core/src/schema.ts';
import { startServer } from '../packages/server/src/index.ts';
import { createAnswer } from '../packages/server/src/store/answers.ts';

const PER_LOCALE = Number(process.env.BENCH_ARTICLES ?? 2000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const WARMUP = 40;
const BUDGET_P95_MS = 20;

/** Deterministic pseudo-random numbers (mulberry32), so every run searches the same texts. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261207);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const EN_WORDS = (
  'order parcel delivery refund return exchange damaged broken missing wrong size colour invoice payment card ' +
  'voucher coupon discount shipping courier tracking customs address account password email subscription ' +
  'warranty repair battery charger screen glass ceramic vase teapot kettle mug bottle jar lid cushion blanket ' +
  'candle soap lotion serum shampoo brush towel basket lamp shelf chair table desk rug curtain frame mirror ' +
  'gift wrapping note label receipt store pickup locker weekend holiday express standard international ' +
  'cancel change modify split combine reorder stock preorder backorder restock size chart fit measure ' +
  'allergy ingredient vegan organic recycle packaging plastic paper cardboard box bag sample trial'
).split(' ');
const ZH_WORDS = (
  '订单 包裹 配送 退款 退货 换货 损坏 破损 缺件 发错 尺码 颜色 发票 付款 银行卡 优惠券 折扣 运费 快递 物流 ' +
  '海关 地址 账户 密码 邮箱 订阅 保修 维修 电池 充电器 屏幕 玻璃 陶瓷 花瓶 茶壶 水壶 杯子 瓶子 罐子 盖子 ' +
  '靠垫 毯子 蜡烛 香皂 乳液 精华 洗发水 刷子 毛巾 篮子 台灯 架子 椅子 桌子 地毯 窗帘 相框 镜子 礼物 包装 ' +
  '贺卡 标签 收据 门店 自提 快递柜 周末 节假日 加急 标准 国际 取消 修改 拆分 合并 补货 预售 缺货 尺码表 ' +
  '过敏 成分 素食 有机 回收 塑料 纸盒 纸箱 袋子 样品 试用'
).split(' ');

function article(locale: Locale, n: number): { title: string; body: string; tags: string[] } {
  const words = locale === 'en' ? EN_WORDS : ZH_WORDS;
  const join = locale === 'en' ? ' ' : '';
  const sentence = (len: number) => Array.from({ length: len }, () => pick(words)).join(join);
  const title = `${sentence(3 + Math.floor(random() * 3))} ${n}`;
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
    Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(6 + Math.floor(random() * 8))).join(
      locale === 'en' ? '. ' : '。',
    ),
  );
  const body = `${paragraphs.join('\n\n')}\n\n- ${sentence(4)}\n- ${sentence(4)}`;
  return { title, body, tags: [pick(words), pick(words)] };
}

function queryFor(locale: Locale): string {
  const words = locale === 'en' ? EN_WORDS : ZH_WORDS;
  // One in ten searches asks for something the knowledge base does not have.
  if (random() < 0.1) return locale === 'en' ? `zeppelin hangar ${Math.floor(random() * 1e6)}` : '飞艇机库怎么租';
  const count = 2 + Math.floor(random() * 2);
  const asked = Array.from({ length: count }, () => pick(words));
  return locale === 'en' ? `how do I ${asked.join(' ')}` : `怎么${asked.join('')}`;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const server = await startServer({ port: 0, memory: true });
try {
  const seeding = performance.now();
  const locales: Locale[] = ['en', 'zh-CN'];
  await server.db.transaction(async (tx) => {
    for (const locale of locales) {
      for (let n = 0; n < PER_LOCALE; n++)
        await createAnswer(tx, { site: 'demo', locale, ...article(locale, n) }, 'bench');
    }
  });
  console.log(
    `answers search: ${PER_LOCALE} articles per locale (${locales.join(', ')}) seeded in ${Math.round(performance.now() - seeding)} ms`,
  );

  const run = async (locale: Locale, q: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/v1/answers?${new URLSearchParams({ q, locale })}`, {
      headers: { 'X-Nectar-Site': 'demo' },
    });
    const body = (await res.json()) as { answers?: unknown[] };
    const ms = performance.now() - started;
    if (res.status !== 200 || !Array.isArray(body.answers)) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    return { ms, found: body.answers.length };
  };
  for (let i = 0; i < WARMUP; i++) await run(locales[i % 2]!, queryFor(locales[i % 2]!));

  const all: number[] = [];
  for (const locale of locales) {
    const times: number[] = [];
    const missed: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const { ms, found } = await run(locale, queryFor(locale));
      times.push(ms);
      if (found > 0) hits++;
      else missed.push(ms);
    }
    times.sort((a, b) => a - b);
    missed.sort((a, b) => a - b);
    all.push(...times);
    console.log(
      `  ${locale.padEnd(5)} median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms ` +
        `(${QUERIES} searches, ${hits} with answers; those without: median ${quantile(missed, 0.5)?.toFixed(2)} ms)`,
    );
  }
  all.sort((a, b) => a - b);
  const p95 = quantile(all, 0.95);
  const ok = p95 <= BUDGET_P95_MS;
  console.log(
    `answers search: median ${quantile(all, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms ` +
      `(budget p95 ≤ ${BUDGET_P95_MS} ms) ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
  if (!ok) process.exitCode = 1;
} finally {
  await server.close();
}
