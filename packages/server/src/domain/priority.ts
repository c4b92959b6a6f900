/**
 * Priority hints from a ticket's own words, in English and Chinese (simplified and traditional): safety
 * (food poisoning, an injury, fire — 食品安全, 中毒, 受伤 …) makes it `urgent`; anger, urgency, a threat to go
 * public or to a regulator, or a large amount of money make it `high`. A lexicon, no model: every hint says
 * which words raised it, so the agent sees why.
 */

export type Priority = 'normal' | 'high' | 'urgent';
export type PriorityReason = 'safety' | 'anger' | 'urgency' | 'escalation_threat' | 'amount';

export interface PriorityHint {
  level: Priority;
  reasons: { reason: PriorityReason; matched: string }[];
}

/** An amount at or above this (in the shop's currency units) is a `high` hint. */
export const AMOUNT_THRESHOLD = 500;

// Word lists: English as whole words (case-insensitive); Chinese as substrings (no word boundaries).
const LEXICON: Record<Exclude<PriorityReason, 'amount'>, { en: string[]; zh: string[] }> = {
  safety: {
    en: [
      'food poisoning',
      'poisoned',
      'poisoning',
      'allergic reaction',
      'anaphylaxis',
      'hospital',
      'injured',
      'injury',
      'burned',
      'caught fire',
      'exploded',
      'electric shock',
      'choking',
      'toxic',
      'mould',
      'mold',
      'expired food',
    ],
    zh: [
      '食品安全',
      '食物中毒',
      '中毒',
      '过敏',
      '過敏',
      '医院',
      '醫院',
      '受伤',
      '受傷',
      '烫伤',
      '燙傷',
      '着火',
      '起火',
      '爆炸',
      '触电',
      '觸電',
      '发霉',
      '發霉',
      '过期',
      '過期',
      '有毒',
    ],
  },
  anger: {
    en: [
      'unacceptable',
      'disgusting',
      'furious',
      'outraged',
      'ridiculous',
      'terrible',
      'worst',
      'scam',
      'fraud',
      'liar',
      'lied',
    ],
    zh: [
      '太差',
      '垃圾',
      '骗子',
      '騙子',
      '欺骗',
      '欺騙',
      '愤怒',
      '憤怒',
      '气死',
      '氣死',
      '恶心',
      '噁心',
      '无法接受',
      '無法接受',
      '差评',
      '差評',
    ],
  },
  urgency: {
    en: ['urgent', 'urgently', 'asap', 'immediately', 'right now', 'emergency'],
    zh: ['紧急', '緊急', '马上', '馬上', '立刻', '立即', '尽快', '盡快', '着急', '著急', '急需'],
  },
  escalation_threat: {
    en: ['lawyer', 'sue', 'legal action', 'chargeback', 'consumer protection', 'report you', 'social media'],
    zh: ['律师', '律師', '起诉', '起訴', '投诉', '投訴', '消协', '消協', '12315', '媒体', '媒體', '曝光'],
  },
};

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ENGLISH = Object.fromEntries(
  Object.entries(LEXICON).map(([reason, { en }]) => [
    reason,
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${en.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
  ]),
) as Record<keyof typeof LEXICON, RegExp>;

/** Amounts with a currency sign or word: `$1,200`, `€ 650.00`, `650 EUR`, `¥3000`, `3000元`, `3000 块`. */
const AMOUNT =
  /(?:[$€£¥￥]\s?(\d[\d,]*(?:\.\d+)?))|(?:(\d[\d,]*(?:\.\d+)?)\s?(?:usd|eur|gbp|cny|rmb|dollars?|euros?|pounds?|元|块|塊))/giu;

export function priorityHints(text: string): PriorityHint {
  const reasons: PriorityHint['reasons'] = [];
  for (const reason of Object.keys(LEXICON) as (keyof typeof LEXICON)[]) {
    const english = ENGLISH[reason].exec(text)?.[0];
    // The word that comes first in the text (what the agent reads first).
    const chinese = LEXICON[reason].zh
      .map((word) => [text.indexOf(word), word] as const)
      .filter(([at]) => at >= 0)
      .sort((a, b) => a[0] - b[0])[0]?.[1];
    const matched = english ?? chinese;
    if (matched) reasons.push({ reason, matched });
  }
  for (const match of text.matchAll(AMOUNT)) {
    const value = Number((match[1] ?? match[2] ?? '').replaceAll(',', ''));
    if (value >= AMOUNT_THRESHOLD) {
      reasons.push({ reason: 'amount', matched: match[0].trim() });
      break;
    }
  }
  const level: Priority = reasons.some((r) => r.reason === 'safety')
    ? 'urgent'
    : reasons.length > 0
      ? 'high'
      : 'normal';
  return { level, reasons };
}
