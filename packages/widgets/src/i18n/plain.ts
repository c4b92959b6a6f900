/**
 * Plain wording of the ticket form's hints, shown with large text (`text-size="large"`, the panel's "Larger text",
 * the script tag's `data-text-size`): short sentences, everyday words, one thing at a time, no file formats. Its own
 * chunk in every locale, imported only when large text is on, so no other page carries it.
 */
import type { Locale } from '@nectar/core';
import type { Category } from '@nectar/core/schema';
import type { Catalog } from './index.ts';

interface Plain {
  intro: string;
  messageHint: string;
  emailHint: string;
  photosHint: (max: number) => string;
  photoRequest: string;
  hints: Record<Category, string>;
}

const PLAIN: Record<Locale, Plain> = {
  en: {
    intro: 'Tell us what went wrong. We will write back to you.',
    messageHint: 'Say what went wrong. Then say what you would like us to do.',
    emailHint: 'We send our answer to this email.',
    photosHint: (max) => `You can add up to ${max} photos.`,
    photoRequest: 'Please add a photo of the broken item and one of the box.',
    hints: {
      damaged: 'It came broken. A photo helps us.',
      missing_or_wrong: 'Something is not in the box, or it is the wrong thing.',
      delivery: 'Where is my parcel? It is late or not moving.',
      return_refund: 'Send it back, or ask about your money.',
      order_change: 'Change or cancel an order that has not left yet.',
      product_question: 'Ask about size, material or how to use it.',
      account_payment: 'Signing in, paying, or a charge you do not know.',
      other: 'Anything else.',
    },
  },
  'zh-CN': {
    intro: '告诉我们出了什么问题，我们会给您回复。',
    messageHint: '说说出了什么问题，再说说您想要我们怎么做。',
    emailHint: '我们会把回复发到这个邮箱。',
    photosHint: (max) => `最多可以加 ${max} 张照片。`,
    photoRequest: '请拍一张坏了的东西，再拍一张包装盒。',
    hints: {
      damaged: '收到时坏了。拍张照片更快处理。',
      missing_or_wrong: '少了东西，或者发错了。',
      delivery: '包裹到哪儿了？晚了或者不动了。',
      return_refund: '退货，或者问退款。',
      order_change: '还没发货，想改或者取消订单。',
      product_question: '问尺码、材料或者怎么用。',
      account_payment: '登录、付款，或者不认识的扣款。',
      other: '别的问题。',
    },
  },
  'zh-TW': {
    intro: '告訴我們出了什麼問題，我們會回覆您。',
    messageHint: '說說出了什麼問題，再說說您希望我們怎麼做。',
    emailHint: '我們會把回覆寄到這個信箱。',
    photosHint: (max) => `最多可以加 ${max} 張相片。`,
    photoRequest: '請拍一張壞掉的東西，再拍一張包裝盒。',
    hints: {
      damaged: '收到時壞了。拍張相片更快處理。',
      missing_or_wrong: '少了東西，或是寄錯了。',
      delivery: '包裹到哪裡了？晚了或是不動了。',
      return_refund: '退貨，或是問退款。',
      order_change: '還沒出貨，想改或取消訂單。',
      product_question: '問尺寸、材質或怎麼用。',
      account_payment: '登入、付款，或是不認得的扣款。',
      other: '其他問題。',
    },
  },
};

/**
 * `m` with the form's hints in plain wording. Made at each render: the English catalog gains sections later (the
 * confirmation and the validation reasons come with the form's check).
 */
export function plainCatalog(m: Catalog, locale: Locale): Catalog {
  const { hints, photoRequest, ...form } = PLAIN[locale];
  const categories = { ...m.core.categories };
  for (const [c, hint] of Object.entries(hints)) categories[c as Category] = { ...categories[c as Category], hint };
  return { ...m, form: { ...m.form, ...form }, core: { ...m.core, categories, photoRequest } };
}
