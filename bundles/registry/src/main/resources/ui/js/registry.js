/*
 * The registry module's console screens at /console/m/registry/ (hash routes):
 *   #/registers                 the agency's registers (entries, printed book, registration)
 *   #/registers/<id>/new        register a document in that register
 *   #/search, #/search/<id>     search the registers (all, or one register's entries)
 *   #/documents/<id>            one document: metadata, files, history, access log, corrections
 */
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { t } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { ModulePage } from '/console/js/frame.js';
import { API, ENTRY } from './common.js';
import './registers.js';
import './register-form.js';
import './search.js';
import './document.js';

const TABS = [
  { route: 'registers', label: () => t('registry.tab.registers') },
  { route: 'search', label: () => t('registry.tab.search') },
];

/** The tab a route belongs to: a registration under registers, a document under search. */
const TAB_OF = { registers: 'registers', search: 'search', documents: 'search' };

class ChidaoRegistry extends ModulePage {
  static properties = {
    reference: { state: true }, // {registers, types, terms, error}: loaded once, shared by every screen
  };

  constructor() {
    super(ENTRY, 'module.title');
    this.reference = null;
    this.flash = null; // a notice for the next screen (after a registration)
  }

  /** The acting agency's registers and terms, and the document types. */
  async loadReference() {
    const agency = this.account && this.account.agencyId ? `?agencyId=${encodeURIComponent(this.account.agencyId)}` : '';
    try {
      const [registers, types, terms] = await Promise.all([
        api.get(`${API}/registers${agency}`),
        api.get(`${API}/registers/types`),
        api.get(`${API}/registers/terms${agency}`).catch(() => []),
      ]);
      this.reference = {
        registers: Array.isArray(registers) ? registers : [],
        types: Array.isArray(types) ? types : [],
        terms: Array.isArray(terms) ? terms : [],
        error: null,
      };
    } catch (e) {
      this.reference = { registers: [], types: [], terms: [], error: { text: e.message } };
    }
  }

  updated(changed) {
    super.updated(changed);
    if (changed.has('ready') && this.ready && !this.reference) {
      this.loadReference();
    }
  }

  languageChanged() {
    this.loadReference();
  }

  get route() {
    return this.path[0] || 'registers';
  }

  tabsView() {
    const current = TAB_OF[this.route];
    return html`
      <nav class="tabs" aria-label=${t('registry.tabsLabel')}>
        ${TABS.map((tab) => html`
          <a id="tab-${tab.route}" href="#/${tab.route}" aria-current=${current === tab.route ? 'page' : nothing}>
            ${tab.label()}</a>`)}
      </nav>`;
  }

  screen() {
    const [route, id, action] = [this.route, this.path[1], this.path[2]];
    if (route === 'registers' && !id) {
      return html`<registry-registers .page=${this} .reference=${this.reference}></registry-registers>`;
    }
    if (route === 'registers' && id && action === 'new') {
      // keyed: another register's form starts afresh
      return keyed(id, html`<registry-registration .page=${this} .reference=${this.reference}
        .registerId=${id}></registry-registration>`);
    }
    if (route === 'search' && !action) {
      return html`<registry-search .page=${this} .reference=${this.reference}
        .registerId=${id || null}></registry-search>`;
    }
    if (route === 'documents' && id && !action) {
      return html`<registry-document .page=${this} .reference=${this.reference}
        .documentId=${id}></registry-document>`;
    }
    return html`<p id="registry-not-found" class="error" role="alert">${t('notFound.title')}</p>`;
  }

  renderMain() {
    return html`
      <h1 tabindex="-1">${t('module.title')}</h1>
      ${this.tabsView()}
      <div class="tab-panel">${this.screen()}</div>`;
  }
}

customElements.define('chidao-registry', ChidaoRegistry);
