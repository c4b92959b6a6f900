/**
 * The ticket form's "Call me back" strings in every locale: they come with its fields (`callback-fields.ts`, their own
 * chunk), so no locale's catalog carries them to a page where nobody asks for a call.
 */
import type { Locale } from '@nectar/core';

const en = {
  phone: 'Phone number with country code',
  phoneHint: 'Start with + and the country code, for example +44 20 7946 0958.',
  window: 'When should we call? (shop’s local time)',
  any: 'Any time we are open',
  morning: 'Morning, 9:00–12:00',
  afternoon: 'Afternoon, 12:00–17:00',
  evening: 'Evening, 17:00–20:00',
  invalidPhone: 'Please enter the number with its country code, starting with +.',
  closed: 'We are closed at that time. Please choose another.',
};

export const CALLBACK: Record<Locale, typeof en> = {
  en,
  'zh-CN': {
    phone: '电话号码（含国家/地区代码）',
    phoneHint: '以 + 和国家/地区代码开头，例如 +86 138 0013 8000。',
    window: '希望什么时候给您打电话？（店铺当地时间）',
    any: '营业时间内均可',
    morning: '上午 9:00–12:00',
    afternoon: '下午 12:00–17:00',
    evening: '晚上 17:00–20:00',
    invalidPhone: '请输入含国家/地区代码的号码，以 + 开头。',
    closed: '该时段我们不营业，请另选时间。',
  },
  'zh-TW': {
    phone: '電話號碼（含國家/地區代碼）',
    phoneHint: '以 + 和國家/地區代碼開頭，例如 +886 912 345 678。',
    window: '希望什麼時候打電話給您？（商店當地時間）',
    any: '營業時間內皆可',
    morning: '上午 9:00–12:00',
    afternoon: '下午 12:00–17:00',
    evening: '晚上 17:00–20:00',
    invalidPhone: '請輸入含國家/地區代碼的號碼，以 + 開頭。',
    closed: '該時段我們沒有營業，請另選時間。',
  },
};
