/**
 * The knowledge base of the bundled `demo` site: twelve help articles in English, Simplified and
 * Traditional Chinese, inserted by migration 4. Plain text (widgets render it as text).
 */
import type { Locale } from '@nectar/core/schema';

export interface SeedArticle {
  slug: string;
  locale: Locale;
  title: string;
  body: string;
  tags: string[];
}

type Text = { title: string; body: string; tags: string[] };
const article = (slug: string, texts: Record<Locale, Text>): SeedArticle[] =>
  (Object.entries(texts) as [Locale, Text][]).map(([locale, text]) => ({ slug, locale, ...text }));

export const DEMO_ARTICLES: SeedArticle[] = [
  ...article('shipping-times', {
    en: {
      title: 'How long does shipping take?',
      body:
        'We pack orders placed before 2 pm on the same working day. Standard delivery takes 2–4 working days, ' +
        'express delivery 1–2 working days. Remote areas can take 1–2 days longer, and during sales and holidays ' +
        'carriers may need an extra day. You get an email with the tracking link as soon as your parcel leaves us.',
      tags: ['shipping', 'delivery', 'delivery time', 'how long', 'express', 'standard', 'when will it arrive'],
    },
    'zh-CN': {
      title: '发货和配送需要多长时间？',
      body:
        '工作日下午 2 点前下的订单当天打包发出。普通快递一般 2–4 个工作日送达，加急快递 1–2 个工作日。' +
        '偏远地区可能多需要 1–2 天，大促和节假日期间快递公司也可能延迟一天。包裹发出后，我们会把物流单号和查询链接发到您的邮箱。',
      tags: ['发货', '配送', '快递', '多久', '几天到', '送达时间', '加急'],
    },
    'zh-TW': {
      title: '出貨和配送需要多久？',
      body:
        '工作日下午 2 點前下的訂單會在當天包裝出貨。一般宅配約 2–4 個工作天送達，快速到貨 1–2 個工作天。' +
        '偏遠地區可能多需要 1–2 天，促銷活動和連假期間物流業者也可能延遲一天。包裹出貨後，我們會將貨運單號和查詢連結寄到您的電子郵件。',
      tags: ['出貨', '配送', '宅配', '多久', '幾天到', '送達時間', '快速到貨'],
    },
  }),
  ...article('track-order', {
    en: {
      title: 'How do I track my order?',
      body:
        'Open the shipping confirmation email and follow the tracking link, or sign in and go to My orders, ' +
        'where each shipped order shows its carrier and tracking number. Tracking can take up to 24 hours to ' +
        'update after dispatch. If it has not moved for 3 working days, contact us with your order number and ' +
        'we will ask the carrier.',
      tags: ['track', 'tracking', 'tracking number', 'where is my order', 'parcel', 'order status', 'carrier'],
    },
    'zh-CN': {
      title: '如何查询订单物流？',
      body:
        '打开发货通知邮件，点击里面的物流查询链接；或者登录后进入“我的订单”，已发货的订单会显示快递公司和运单号。' +
        '包裹发出后，物流信息最多可能需要 24 小时才会更新。如果连续 3 个工作日没有任何更新，请把订单号发给我们，我们会联系快递公司核实。',
      tags: ['物流', '查询物流', '运单号', '快递单号', '订单在哪', '包裹', '订单状态'],
    },
    'zh-TW': {
      title: '如何查詢訂單的配送進度？',
      body:
        '打開出貨通知信，點選裡面的貨態查詢連結；或登入後進入「我的訂單」，已出貨的訂單會顯示物流業者和貨運單號。' +
        '包裹出貨後，貨態最多可能需要 24 小時才會更新。如果連續 3 個工作天都沒有更新，請提供訂單編號給我們，我們會向物流業者確認。',
      tags: ['貨態', '查詢物流', '貨運單號', '追蹤', '訂單在哪', '包裹', '訂單狀態'],
    },
  }),
  ...article('damaged-item', {
    en: {
      title: 'My item arrived damaged',
      body:
        'We are sorry! Please do not throw anything away yet. Take a photo of the damaged item and, if you can, ' +
        'of the box and the shipping label, then report the problem with your order number within 14 days of ' +
        'delivery. We send a free replacement or refund you in full, whichever you prefer; you do not need to ' +
        'send a broken item back unless we ask.',
      tags: ['damaged', 'broken', 'cracked', 'arrived broken', 'defective', 'replacement', 'photo'],
    },
    'zh-CN': {
      title: '收到的商品有破损',
      body:
        '非常抱歉！请先不要丢弃商品和包装。请拍下破损商品的照片，如果可以的话也拍下外箱和快递面单，' +
        '并在签收后 14 天内提交问题并附上订单号。我们会按您的意愿免费补发或全额退款；除非我们另行通知，破损商品无需寄回。',
      tags: ['破损', '损坏', '摔坏', '破了', '碎了', '质量问题', '补发', '照片'],
    },
    'zh-TW': {
      title: '收到的商品有破損',
      body:
        '非常抱歉！請先不要丟棄商品和包裝。請拍下破損商品的照片，可以的話也拍下外箱和貨運單，' +
        '並在簽收後 14 天內回報問題並附上訂單編號。我們會依您的選擇免費補寄或全額退款；除非我們另行通知，破損商品不需要寄回。',
      tags: ['破損', '損壞', '摔壞', '破了', '碎了', '瑕疵', '補寄', '照片'],
    },
  }),
  ...article('missing-item', {
    en: {
      title: 'An item is missing from my parcel',
      body:
        'Large orders sometimes ship in more than one parcel: check your shipping emails to see whether the ' +
        'rest is still on its way. If everything was meant to arrive together, check the packing slip and the ' +
        'packaging, then tell us which item is missing and your order number. We will send it out again at no cost.',
      tags: ['missing', 'missing item', 'not in the box', 'incomplete', 'short', 'partial delivery'],
    },
    'zh-CN': {
      title: '包裹里少了商品',
      body:
        '较大的订单有时会分成几个包裹发出，请先查看发货通知邮件，确认其余商品是否还在路上。' +
        '如果本应一起送达，请核对装箱单并检查包装内是否有遗漏，然后告诉我们缺少哪件商品以及订单号，我们会免费为您补发。',
      tags: ['少件', '漏发', '缺货', '少了', '不完整', '分批发货'],
    },
    'zh-TW': {
      title: '包裹裡少了商品',
      body:
        '較大的訂單有時會分成多個包裹出貨，請先查看出貨通知信，確認其餘商品是否還在運送中。' +
        '如果原本應該一起送達，請核對出貨明細並檢查包裝內是否有遺漏，再告訴我們缺少哪件商品和訂單編號，我們會免費為您補寄。',
      tags: ['少件', '漏寄', '缺件', '少了', '不完整', '分批出貨'],
    },
  }),
  ...article('wrong-item', {
    en: {
      title: 'I received the wrong item',
      body:
        'Sorry about the mix-up. Send us a photo of what you received (with its label or barcode) and your order ' +
        'number. We ship the right item right away and email you a prepaid label to return the wrong one — it ' +
        'costs you nothing.',
      tags: ['wrong item', 'wrong size', 'wrong colour', 'wrong color', 'not what I ordered', 'exchange'],
    },
    'zh-CN': {
      title: '收到的商品不对',
      body:
        '很抱歉给您带来困扰。请拍下您收到的商品（包括标签或条形码）并提供订单号。' +
        '我们会马上为您寄出正确的商品，并通过邮件发送预付运费的退货面单，寄回发错的商品不需要您承担任何费用。',
      tags: ['发错货', '尺码不对', '颜色不对', '不是我买的', '换货'],
    },
    'zh-TW': {
      title: '收到的商品不對',
      body:
        '很抱歉造成您的困擾。請拍下您收到的商品（包含標籤或條碼）並提供訂單編號。' +
        '我們會立即寄出正確的商品，並以電子郵件寄送已付運費的退貨單，寄回錯誤的商品不需要您負擔任何費用。',
      tags: ['寄錯', '尺寸不對', '顏色不對', '不是我買的', '換貨'],
    },
  }),
  ...article('returns', {
    en: {
      title: 'How do I return an item?',
      body:
        'You can return unused items in their original packaging within 30 days of delivery. Sign in, open the ' +
        'order under My orders and choose Return items, or ask us with your order number. Print the return ' +
        'label, pack the items securely and drop the parcel at any post office. Returns of faulty or wrong items ' +
        'are free; for other returns the label cost is deducted from your refund.',
      tags: ['return', 'returns', 'send back', 'return label', 'return policy', '30 days', 'exchange'],
    },
    'zh-CN': {
      title: '如何退货？',
      body:
        '签收后 30 天内，未使用且包装完好的商品可以退货。登录后在“我的订单”中打开该订单并选择“申请退货”，或者把订单号发给我们。' +
        '打印退货面单，把商品包装好后交到任意邮局或快递网点即可。因质量问题或发错货产生的退货免运费；其他原因的退货运费会从退款中扣除。',
      tags: ['退货', '退回', '退货面单', '退货政策', '30天', '七天无理由', '换货'],
    },
    'zh-TW': {
      title: '如何辦理退貨？',
      body:
        '簽收後 30 天內，未使用且包裝完整的商品都可以退貨。登入後在「我的訂單」中開啟該筆訂單並選擇「申請退貨」，或提供訂單編號給我們。' +
        '列印退貨單，將商品包好後交到任一郵局或超商寄件即可。因瑕疵或寄錯商品的退貨免運費；其他原因的退貨運費會從退款中扣除。',
      tags: ['退貨', '退回', '退貨單', '退貨政策', '30天', '鑑賞期', '換貨'],
    },
  }),
  ...article('refunds', {
    en: {
      title: 'When will I get my refund?',
      body:
        'We refund within 2 working days of receiving your return, or right away for a damaged or missing item. ' +
        'The money goes back to the card or account you paid with. Banks usually show it within 3–5 working days, ' +
        'some credit cards up to 10. You get an email when we issue the refund.',
      tags: ['refund', 'money back', 'refund time', 'when refund', 'credit', 'reimbursement'],
    },
    'zh-CN': {
      title: '退款多久能到账？',
      body:
        '我们在收到退货后 2 个工作日内办理退款；商品破损或少件的情况会立即退款。款项会原路退回到您付款时使用的银行卡或账户。' +
        '银行一般需要 3–5 个工作日入账，部分信用卡最长需要 10 个工作日。退款发出时您会收到邮件通知。',
      tags: ['退款', '退钱', '到账', '多久退款', '原路退回', '信用卡'],
    },
    'zh-TW': {
      title: '退款多久會入帳？',
      body:
        '我們會在收到退貨後 2 個工作天內辦理退款；商品破損或缺件的情況會立即退款。款項會退回您付款時使用的信用卡或帳戶。' +
        '銀行通常需要 3–5 個工作天入帳，部分信用卡最長需要 10 個工作天。退款送出時您會收到電子郵件通知。',
      tags: ['退款', '退錢', '入帳', '多久退款', '刷退', '信用卡'],
    },
  }),
  ...article('change-order', {
    en: {
      title: 'Can I change or cancel my order?',
      body:
        'Until your order is packed you can change sizes, colours or quantities, or cancel it — usually within ' +
        'one hour of ordering. Contact us as soon as possible with your order number and what you would like to ' +
        'change. Once it has shipped we can no longer change it, but you can return the items after delivery.',
      tags: ['change order', 'cancel', 'cancel order', 'modify', 'edit order', 'size', 'quantity'],
    },
    'zh-CN': {
      title: '可以修改或取消订单吗？',
      body:
        '订单打包之前都可以修改尺码、颜色、数量或取消订单，一般是在下单后一小时内。请尽快联系我们，提供订单号并说明需要修改的内容。' +
        '订单发货后就无法再修改了，但您可以在收货后办理退货。',
      tags: ['修改订单', '取消订单', '改尺码', '改数量', '不想要了', '撤销'],
    },
    'zh-TW': {
      title: '可以修改或取消訂單嗎？',
      body:
        '訂單包裝出貨前都可以修改尺寸、顏色、數量或取消訂單，通常是在下單後一小時內。請盡快聯絡我們，提供訂單編號並說明想修改的內容。' +
        '訂單出貨後就無法再修改，但您可以在收到商品後辦理退貨。',
      tags: ['修改訂單', '取消訂單', '改尺寸', '改數量', '不想要了', '撤銷'],
    },
  }),
  ...article('change-address', {
    en: {
      title: 'Changing the delivery address',
      body:
        'If your order has not shipped yet, send us the order number and the full new address and we will ' +
        'update it. After dispatch, use the link in the tracking email to redirect the parcel or pick it up from ' +
        'a nearby point; not every carrier offers this. For security we cannot change the address of an order ' +
        'paid for by someone else without their confirmation.',
      tags: ['address', 'change address', 'wrong address', 'delivery address', 'redirect', 'moved'],
    },
    'zh-CN': {
      title: '修改收货地址',
      body:
        '如果订单还没有发货，请把订单号和完整的新地址发给我们，我们会为您更新。已经发货的订单，可以通过物流邮件中的链接申请改派或改为附近网点自提，' +
        '但并非所有快递公司都支持。为了安全，他人代付的订单需要付款人确认后才能修改地址。',
      tags: ['地址', '修改地址', '改地址', '地址写错', '收货地址', '改派'],
    },
    'zh-TW': {
      title: '修改收件地址',
      body:
        '如果訂單還沒出貨，請提供訂單編號和完整的新地址，我們會為您更新。已出貨的訂單，可以透過貨態通知信中的連結申請改送或改到附近門市取貨，' +
        '但並非所有物流業者都提供這項服務。為了安全，由他人付款的訂單需經付款人確認後才能修改地址。',
      tags: ['地址', '修改地址', '改地址', '地址寫錯', '收件地址', '改送'],
    },
  }),
  ...article('payment-declined', {
    en: {
      title: 'My payment was declined',
      body:
        'Check that the card number, expiry date, security code and billing address match what your bank has. ' +
        'Many banks ask you to approve online payments in their app — look for a notification. If it still fails, ' +
        'try another card or PayPal, or call your bank: we never see why a bank refuses a payment. A declined ' +
        'payment is not charged; a pending amount disappears within a few days.',
      tags: ['payment', 'declined', 'card declined', 'payment failed', 'checkout error', 'credit card', 'paypal'],
    },
    'zh-CN': {
      title: '付款失败或银行卡被拒',
      body:
        '请检查卡号、有效期、安全码和账单地址是否与银行登记的一致。很多银行需要在手机银行里确认网上支付，请留意通知。' +
        '如果仍然失败，请换一张卡或改用其他支付方式，也可以致电银行咨询：银行拒绝付款的原因我们无法看到。' +
        '付款失败不会扣款，显示为“待处理”的金额几天内会自动释放。',
      tags: ['付款', '支付失败', '付款失败', '银行卡', '信用卡', '被拒', '结账出错', '支付宝', '微信支付'],
    },
    'zh-TW': {
      title: '付款失敗或信用卡被拒',
      body:
        '請確認卡號、有效期限、安全碼和帳單地址是否與銀行登記的資料相符。許多銀行需要在 App 中確認網路交易，請留意通知。' +
        '如果仍然失敗，請改用其他卡片或付款方式，也可以致電發卡銀行詢問：銀行拒絕交易的原因我們無法得知。' +
        '付款失敗不會扣款，顯示為「處理中」的金額幾天內會自動取消。',
      tags: ['付款', '付款失敗', '刷卡失敗', '信用卡', '被拒', '結帳錯誤', 'LINE Pay', '街口'],
    },
  }),
  ...article('charged-twice', {
    en: {
      title: 'I was charged twice',
      body:
        'When a payment is retried, your bank may show a second pending amount. It is only a reservation and ' +
        'disappears within 3–7 working days without being charged. If both amounts are still there after a week, ' +
        'or both show as completed, send us the order number and a screenshot of your statement and we will ' +
        'refund the duplicate.',
      tags: ['charged twice', 'double charge', 'duplicate payment', 'pending', 'billing', 'bank statement'],
    },
    'zh-CN': {
      title: '被重复扣款了',
      body:
        '付款重试时，银行可能会显示第二笔“待处理”金额，这只是预授权冻结，会在 3–7 个工作日内自动解冻，不会真正扣款。' +
        '如果一周后两笔金额仍在，或者两笔都显示已完成，请把订单号和账单截图发给我们，我们会退还重复的款项。',
      tags: ['重复扣款', '扣了两次', '多扣钱', '预授权', '冻结', '账单'],
    },
    'zh-TW': {
      title: '被重複扣款了',
      body:
        '付款重試時，銀行可能會顯示第二筆「處理中」的金額，這只是授權保留，會在 3–7 個工作天內自動取消，不會真的請款。' +
        '如果一週後兩筆金額仍在，或兩筆都顯示已入帳，請提供訂單編號和帳單截圖，我們會退還重複的款項。',
      tags: ['重複扣款', '扣了兩次', '多扣錢', '授權', '刷兩次', '帳單'],
    },
  }),
  ...article('account-sign-in', {
    en: {
      title: 'I can’t sign in to my account',
      body:
        'Choose Forgot password on the sign-in page and we email you a reset link; it works for one hour. ' +
        'Check your spam folder if it does not arrive within a few minutes. If you ordered as a guest you do not ' +
        'have an account yet — create one with the same email address and your past orders appear. To change ' +
        'your email address or delete your account, contact us from the address you signed up with.',
      tags: ['account', 'sign in', 'login', 'log in', 'password', 'reset password', 'forgot password', 'email'],
    },
    'zh-CN': {
      title: '无法登录账号',
      body:
        '在登录页点击“忘记密码”，我们会把重置链接发到您的邮箱，链接一小时内有效。几分钟内没收到的话，请检查垃圾邮件。' +
        '如果您之前是以游客身份下单，那还没有账号，用同一个邮箱注册后就能看到以前的订单。需要更换邮箱或注销账号，请用注册时的邮箱联系我们。',
      tags: ['账号', '账户', '登录', '登不上', '密码', '忘记密码', '重置密码', '注册'],
    },
    'zh-TW': {
      title: '無法登入帳號',
      body:
        '在登入頁點選「忘記密碼」，我們會將重設連結寄到您的電子郵件，連結一小時內有效。幾分鐘內沒收到的話，請檢查垃圾郵件。' +
        '如果您之前是以訪客身分下單，那還沒有帳號，用同一個電子郵件註冊後就能看到以前的訂單。需要更換電子郵件或刪除帳號，請用註冊時的電子郵件聯絡我們。',
      tags: ['帳號', '帳戶', '登入', '登不進去', '密碼', '忘記密碼', '重設密碼', '註冊'],
    },
  }),
];
