// The demo storefront's own script (external: the page runs under a strict CSP).
// It only uses what an integrator has: the <nectar-*> tags and `window.nectar`, which is the
// loader's queueing stub at first and the real client once `nectar-ready` has fired.

const helpButton = document.getElementById('help-button');
const requestsList = document.getElementById('requests');
const requestsEmpty = document.getElementById('requests-empty');
const statusView = document.getElementById('status-view');
const localeSelect = document.getElementById('locale');
const cartCount = document.getElementById('cart-count');
const checkoutButton = document.getElementById('checkout-button');
const orderConfirmed = document.getElementById('order-confirmed');

const LOCALE_KEY = 'nectar-demo-locale';

// The page's own buttons open the launcher's panel on its contact form through the client:
// `window.nectar.open(view, prefill)` works from anywhere, even before the client has loaded.
helpButton.addEventListener('click', () => window.nectar.open('contact'));
for (const button of document.querySelectorAll('button.report')) {
  button.addEventListener('click', () => window.nectar.open('contact', { orderRef: button.dataset.order }));
}

// A sent ticket (now, or later from the offline outbox) shows up in "My requests".
document.addEventListener('nectar-submit', () => void renderRequests());
window.nectar.on('ticket-sent', () => void renderRequests());

async function renderRequests() {
  let tickets = [];
  try {
    tickets = await window.nectar.tickets.list();
  } catch (error) {
    console.error('[demo] could not list requests', error);
  }
  requestsEmpty.hidden = tickets.length > 0;
  requestsList.replaceChildren(
    ...tickets
      .slice()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((ticket) => {
        const item = document.createElement('li');
        item.className = 'request';
        const text = document.createElement('span');
        text.textContent = `${ticket.number} · ${new Date(ticket.createdAt).toLocaleString()}`;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button';
        button.textContent = 'View status';
        button.setAttribute('aria-label', `View status of request ${ticket.number}`);
        button.addEventListener('click', () => showStatus(ticket));
        item.append(text, button);
        return item;
      }),
  );
}

function showStatus(ticket) {
  const status = document.createElement('nectar-ticket-status');
  if (ticket) {
    status.setAttribute('ticket-id', ticket.id);
    status.setAttribute('access-token', ticket.accessToken);
  }
  statusView.replaceChildren(status);
  statusView.hidden = false;
  statusView.scrollIntoView({ block: 'nearest' });
}

// A mailed status link (the site's `statusUrl` with `nectar_ticket` and `nectar_token`) opens that request's
// status view, where the shopper reads the reply and answers: <nectar-ticket-status> without `ticket-id` takes
// the ticket and its token from the page's URL itself.
if (new URLSearchParams(location.search).get('nectar_ticket')) showStatus();

// Language: the widgets follow the client's locale.
const savedLocale = localStorage.getItem(LOCALE_KEY);
if (savedLocale) {
  localeSelect.value = savedLocale;
  window.nectar.setLocale(savedLocale);
}
localeSelect.addEventListener('change', () => {
  localStorage.setItem(LOCALE_KEY, localeSelect.value);
  document.documentElement.lang = localeSelect.value;
  window.nectar.setLocale(localeSelect.value);
});
if (savedLocale) document.documentElement.lang = savedLocale;
addEventListener('nectar-ready', () => {
  if (!savedLocale) localeSelect.value = window.nectar.locale;
});

let cart = 0;
for (const button of document.querySelectorAll('button.add-to-cart')) {
  button.addEventListener('click', () => {
    cart += 1;
    cartCount.value = String(cart);
  });
}

// "Order confirmed": the moment the demo asks NPS (<nectar-nps> decides itself whether to show).
function showConfirmation(focus) {
  orderConfirmed.hidden = false;
  if (focus) document.getElementById('confirmed-title').focus();
}
// A failed payment: the page tracks it (`checkout_error`); the site's "Trouble paying?" nudge answers it
// when the shopper allowed behavioural help.
document.getElementById('declined-button').addEventListener('click', () => {
  document.getElementById('payment-error').hidden = false;
  void window.nectar.track('checkout_error', { reason: 'card_declined' });
});
checkoutButton.addEventListener('click', () => {
  history.replaceState(null, '', '#order-confirmed');
  showConfirmation(true);
});
if (location.hash === '#order-confirmed') showConfirmation(false);

void renderRequests();
