// The demo's privacy choice: behavioural help (nudges, and the events that measure them) waits for the
// shopper's consent, as the Nectar client does by default. The choice is remembered in this browser; "Privacy
// choices" in the footer asks again.
const KEY = 'nectar-demo-consent';
const bar = document.getElementById('consent');
const ask = () => {
  bar.hidden = false;
};
const choose = (granted) => {
  localStorage.setItem(KEY, granted ? 'granted' : 'declined');
  window.nectar.setConsent({ behavior: granted });
  bar.hidden = true;
};

const saved = localStorage.getItem(KEY);
if (saved === 'granted') window.nectar.setConsent({ behavior: true });
else if (saved !== 'declined') ask();
document.getElementById('consent-allow').addEventListener('click', () => choose(true));
document.getElementById('consent-decline').addEventListener('click', () => choose(false));
document.getElementById('privacy-choices').addEventListener('click', ask);
