/** The bundled `demo` site's nudge rules (migration 14): a late order, the returns page, a failed search, a checkout error. */
import type { NudgeRule } from '@nectar/core/schema';

export const DEMO_NUDGES: NudgeRule[] = [
  {
    id: 'late-order',
    trigger: { kind: 'order_late' },
    purpose: 'service',
    content: {
      en: {
        title: 'Your order is running late',
        body: 'We are sorry. Tell us and we will chase it for you.',
        actions: [{ label: 'Ask about my order', do: 'open_contact', category: 'delivery' }],
      },
      'zh-CN': {
        title: '您的订单晚到了',
        body: '非常抱歉。告诉我们，我们会帮您催促。',
        actions: [{ label: '咨询我的订单', do: 'open_contact', category: 'delivery' }],
      },
      'zh-TW': {
        title: '您的訂單晚到了',
        body: '非常抱歉。告訴我們，我們會幫您催促。',
        actions: [{ label: '詢問我的訂單', do: 'open_contact', category: 'delivery' }],
      },
    },
    presentation: { variant: 'toast' },
    frequency: { maxShows: 1, cooldownHours: 24 },
    holdout: 10,
    goal: { event: 'ticket_created', withinMinutes: 60 },
  },
  {
    id: 'returns-dwell',
    trigger: { kind: 'dwell', seconds: 20, url: { match: 'glob', value: '*return*' } },
    content: {
      en: {
        title: 'Need a hand with a return?',
        body: 'Tell us what went wrong and we will sort it out.',
        actions: [{ label: 'Start a return', do: 'open_contact', category: 'return_refund' }],
      },
      'zh-CN': {
        title: '需要帮忙退货吗？',
        body: '告诉我们出了什么问题，我们来处理。',
        actions: [{ label: '申请退货', do: 'open_contact', category: 'return_refund' }],
      },
      'zh-TW': {
        title: '需要幫忙退貨嗎？',
        body: '告訴我們出了什麼問題，我們來處理。',
        actions: [{ label: '申請退貨', do: 'open_contact', category: 'return_refund' }],
      },
    },
    presentation: { variant: 'toast' },
    frequency: { maxShows: 2, cooldownHours: 24 },
    holdout: 10,
    goal: { event: 'ticket_created', withinMinutes: 60 },
  },
  {
    id: 'search-no-results',
    trigger: { kind: 'search_no_results' },
    content: {
      en: {
        title: 'Did not find it?',
        body: 'Ask us — a person answers.',
        actions: [{ label: 'Ask a question', do: 'open_contact', category: 'product_question' }],
      },
      'zh-CN': {
        title: '没找到答案？',
        body: '问我们吧，会有真人回复。',
        actions: [{ label: '提问', do: 'open_contact', category: 'product_question' }],
      },
      'zh-TW': {
        title: '沒找到答案？',
        body: '問我們吧，會有真人回覆。',
        actions: [{ label: '提問', do: 'open_contact', category: 'product_question' }],
      },
    },
    presentation: { variant: 'inline' },
    frequency: { maxShows: 3 },
    holdout: 10,
    goal: { event: 'ticket_created', withinMinutes: 30 },
  },
  {
    id: 'checkout-error',
    trigger: { kind: 'event', name: 'checkout_error' },
    content: {
      en: {
        title: 'Trouble paying?',
        body: 'Nothing was charged. We can help you finish your order.',
        actions: [{ label: 'Get help with payment', do: 'open_contact', category: 'account_payment' }],
      },
      'zh-CN': {
        title: '付款遇到问题？',
        body: '没有扣款。我们可以帮您完成订单。',
        actions: [{ label: '获取付款帮助', do: 'open_contact', category: 'account_payment' }],
      },
      'zh-TW': {
        title: '付款遇到問題？',
        body: '沒有扣款。我們可以幫您完成訂單。',
        actions: [{ label: '取得付款協助', do: 'open_contact', category: 'account_payment' }],
      },
    },
    presentation: { variant: 'banner' },
    frequency: { maxShows: 2, cooldownHours: 1 },
    holdout: 10,
    goal: { event: 'order_completed', withinMinutes: 30 },
  },
];
