/*
 * The one banner of every console page while the system is interrupted (issue 15): shown when
 * /api/v1/health says the database is DOWN at page load, or as soon as any request of the page got
 * the 503 problem database-unavailable (api.js fires UNAVAILABLE_EVENT); while shown, health is
 * asked again every few seconds and the banner goes away once the database is UP. Screens keep their
 * own error messages for everything else, so a database outage shows here once instead of on every
 * screen.
 */
import { LitElement, html, nothing } from 'lit';
import { t, LANGUAGE_EVENT } from './i18n.js';
import { UNAVAILABLE_EVENT } from './api.js';
import { fetchHealth } from './demo.js';

const RECHECK_MS = 5000;

/** Whether health says the database is down; a node that cannot be asked counts as down too. */
async function databaseDown() {
  const health = await fetchHealth();
  return !(health && health.database && health.database.status === 'UP');
}

class OutageBanner extends LitElement {
  static properties = { down: { state: true } };

  constructor() {
    super();
    this.down = false;
    this.timer = null;
    this.onLanguage = () => this.requestUpdate();
    this.onUnavailable = () => this.show();
  }

  createRenderRoot() {
    return this; // light DOM: console.css and test ids apply
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener(LANGUAGE_EVENT, this.onLanguage);
    window.addEventListener(UNAVAILABLE_EVENT, this.onUnavailable);
    databaseDown().then((down) => {
      if (down) {
        this.show();
      }
      this.dataset.checked = 'true'; // known now, banner or not (tests wait for it)
    });
  }

  disconnectedCallback() {
    window.removeEventListener(LANGUAGE_EVENT, this.onLanguage);
    window.removeEventListener(UNAVAILABLE_EVENT, this.onUnavailable);
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  show() {
    this.down = true;
    if (!this.timer) {
      this.timer = setTimeout(() => this.recheck(), RECHECK_MS);
    }
  }

  async recheck() {
    this.timer = null;
    if (await databaseDown()) {
      this.show();
    } else {
      this.down = false;
    }
  }

  render() {
    if (!this.down) {
      return nothing;
    }
    return html`<p id="outage-banner" class="outage-banner" role="alert">
      <strong>${t('outage.title')}</strong> ${t('outage.text')}</p>`;
  }
}

customElements.define('chidao-outage-banner', OutageBanner);
