/**
 * The "My orders" view's own strings (`<nectar-orders>`, in the panel), in every locale, in one module that
 * travels with the view's lazy chunk: the locale catalogs (`zh-CN.ts`, `zh-TW.ts`) load on every page in that
 * locale and may add at most 4.5 KB over English, so what only this view shows stays out of them. The view
 * also shows the order picker's strings (the catalogs' `orders` section: statuses, guest lookup).
 */
import type { Locale } from '@nectar/core/locale';

export interface MyOrdersMessages {
  heading: string;
  empty: string;
  /** No signed-in shopper and no guest lookup. */
  signIn: string;
  /** The badge of a late order (`isLate`). */
  late: string;
  lateHint: string;
  total: (amount: string) => string;
  parcel: (index: number, count: number) => string;
  carrier: string;
  tracking: string;
  /** After a link that opens a new tab (read by screen readers only). */
  newTab: string;
  shipped: string;
  delivered: string;
  estimatedDelivery: string;
  notShipped: string;
  reportProblem: string;
  /** "Report a problem"'s accessible name: it starts with the visible text (WCAG 2.5.3, label in name). */
  reportProblemWith: (number: string) => string;
}

export const myOrdersMessages: Record<Locale, MyOrdersMessages> = {
  en: {
    heading: 'My orders',
    empty: 'You have no orders yet.',
    signIn: 'Sign in to the shop to see your orders here.',
    late: 'Late',
    lateHint: 'This order is taking longer than expected. Tell us and we will look into it.',
    total: (amount) => `Total ${amount}`,
    parcel: (index, count) => `Parcel ${index} of ${count}`,
    carrier: 'Carrier',
    tracking: 'Tracking',
    newTab: '(opens in a new tab)',
    shipped: 'Shipped',
    delivered: 'Delivered',
    estimatedDelivery: 'Estimated delivery',
    notShipped: 'Not shipped yet: the tracking number comes with the parcel.',
    reportProblem: 'Report a problem',
    reportProblemWith: (number) => `Report a problem with order ${number}`,
  },
  'zh-CN': {
    heading: '我的订单',
    empty: '您还没有订单。',
    signIn: '登录商店后即可在这里查看您的订单。',
    late: '已延误',
    lateHint: '这个订单比预计的慢。告诉我们，我们会帮您查一查。',
    total: (amount) => `合计 ${amount}`,
    parcel: (index, count) => `第 ${index} 个包裹（共 ${count} 个）`,
    carrier: '承运商',
    tracking: '物流单号',
    newTab: '（在新标签页中打开）',
    shipped: '发货时间',
    delivered: '送达时间',
    estimatedDelivery: '预计送达',
    notShipped: '尚未发货：发货后会显示物流单号。',
    reportProblem: '反馈问题',
    reportProblemWith: (number) => `反馈问题（订单 ${number}）`,
  },
  'zh-TW': {
    heading: '我的訂單',
    empty: '您還沒有訂單。',
    signIn: '登入商店後即可在這裡查看您的訂單。',
    late: '已延誤',
    lateHint: '這筆訂單比預計的慢。告訴我們，我們會幫您查一查。',
    total: (amount) => `合計 ${amount}`,
    parcel: (index, count) => `第 ${index} 個包裹（共 ${count} 個）`,
    carrier: '物流業者',
    tracking: '追蹤編號',
    newTab: '（在新分頁中開啟）',
    shipped: '出貨時間',
    delivered: '送達時間',
    estimatedDelivery: '預計送達',
    notShipped: '尚未出貨：出貨後會顯示追蹤編號。',
    reportProblem: '回報問題',
    reportProblemWith: (number) => `回報問題（訂單 ${number}）`,
  },
};
