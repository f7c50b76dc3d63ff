/*
 * The demo-mode banner of every console page (the shell and the module screens, through headerView):
 * shown, for as long as the page lives, when /api/v1/health says the node runs with demo data
 * (demo people sharing one password). Health is asked once per page load.
 */
import { LitElement, html, nothing } from 'lit';
import { t, LANGUAGE_EVENT } from './i18n.js';

export const HEALTH_URL = '/api/v1/health';

let demoAnswer = null;

/**
 * The health document now, or null when the node cannot be asked. A DOWN node answers 503 with the
 * same document, so the status code does not matter here.
 */
export function fetchHealth() {
  return fetch(HEALTH_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((res) => res.json())
    .catch(() => null);
}

/** Whether the node says it runs in demo mode; a node that cannot be asked counts as not. */
export function demoMode() {
  if (!demoAnswer) {
    demoAnswer = fetchHealth().then((health) => Boolean(health && health.demo === true));
  }
  return demoAnswer;
}

class DemoBanner extends LitElement {
  static properties = { demo: { state: true } };

  constructor() {
    super();
    this.demo = false;
    this.onLanguage = () => this.requestUpdate();
  }

  createRenderRoot() {
    return this; // light DOM: console.css and test ids apply
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener(LANGUAGE_EVENT, this.onLanguage);
    demoMode().then((demo) => {
      this.demo = demo;
      this.dataset.demo = String(demo); // known now, banner or not (tests wait for it)
    });
  }

  disconnectedCallback() {
    window.removeEventListener(LANGUAGE_EVENT, this.onLanguage);
    super.disconnectedCallback();
  }

  render() {
    if (!this.demo) {
      return nothing;
    }
    return html`<p id="demo-banner" class="demo-banner" role="note">
      <strong>${t('demo.title')}</strong> ${t('demo.text')}</p>`;
  }
}

customElements.define('chidao-demo-banner', DemoBanner);
