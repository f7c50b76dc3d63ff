/*
 * The account module's console screens at /console/m/account/ (hash routes):
 *   #/profile            my profile, password, second factor, my agencies
 *   #/agencies           the agency tree
 *   #/agencies/<id>      the users of an agency (search, lock, unlock)
 *   #/requests           account requests (approve, reject), #/requests/new to propose one
 *   #/alerts             access-right alerts
 */
import { html, nothing } from 'lit';
import { t } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { ModulePage } from '/console/js/frame.js';
import { API, ENTRY, powers } from './common.js';
import './profile.js';
import './agencies.js';
import './requests.js';
import './alerts.js';

const TABS = [
  { route: 'profile', label: () => t('account.tab.profile'), shown: () => true },
  { route: 'agencies', label: () => t('account.tab.agencies'), shown: () => true },
  { route: 'requests', label: () => t('account.tab.requests'), shown: (can) => can.seeRequests },
  { route: 'alerts', label: () => t('account.tab.alerts'), shown: (can) => can.seeAlerts },
];

class ChidaoAccount extends ModulePage {
  static properties = {
    directory: { state: true }, // {list, byId, levels, error} of the agency tree
  };

  constructor() {
    super(ENTRY, 'module.title');
    this.directory = null;
  }

  /** Agencies and levels: loaded once (and again when the language changes), shared by every screen. */
  async loadDirectory() {
    try {
      const [list, levels] = await Promise.all([api.get(`${API}/agencies?includeEnded=true`), api.get(`${API}/levels`)]);
      const agencies = Array.isArray(list) ? list : [];
      this.directory = {
        list: agencies,
        byId: new Map(agencies.map((a) => [a.id, a])),
        levels: new Map((Array.isArray(levels) ? levels : []).map((l) => [l.code, l])),
        error: null,
      };
    } catch (e) {
      this.directory = { list: [], byId: new Map(), levels: new Map(), error: { text: e.message } };
    }
  }

  updated(changed) {
    super.updated(changed);
    if (changed.has('ready') && this.ready && !this.directory) {
      this.loadDirectory();
    }
  }

  languageChanged() {
    this.loadDirectory();
    this.refreshAccount();
  }

  get route() {
    return this.path[0] || 'profile';
  }

  tabsView(can) {
    const route = this.route;
    return html`
      <nav class="tabs" aria-label=${t('account.tabsLabel')}>
        ${TABS.filter((tab) => tab.shown(can)).map((tab) => html`
          <a id="tab-${tab.route}" href="#/${tab.route}" aria-current=${route === tab.route ? 'page' : nothing}>
            ${tab.label()}</a>`)}
      </nav>`;
  }

  screen(can) {
    const [route, sub] = [this.route, this.path[1]];
    const props = { page: this, account: this.account, directory: this.directory };
    switch (route) {
      case 'profile':
        return html`<account-profile .page=${props.page} .account=${props.account}
          .directory=${props.directory}></account-profile>`;
      case 'agencies':
        return sub
          ? html`<account-users .page=${props.page} .account=${props.account} .directory=${props.directory}
              .agencyId=${sub}></account-users>`
          : html`<account-agencies .page=${props.page} .account=${props.account}
              .directory=${props.directory}></account-agencies>`;
      case 'requests':
        if (!can.seeRequests) {
          break;
        }
        return sub === 'new'
          ? html`<account-request-form .page=${props.page} .account=${props.account}
              .directory=${props.directory}></account-request-form>`
          : html`<account-requests .page=${props.page} .account=${props.account}
              .directory=${props.directory}></account-requests>`;
      case 'alerts':
        if (!can.seeAlerts) {
          break;
        }
        return html`<account-alerts .page=${props.page} .account=${props.account}
          .directory=${props.directory}></account-alerts>`;
      default:
        break;
    }
    return html`<p id="account-not-found" class="error" role="alert">${t('notFound.title')}</p>`;
  }

  renderMain() {
    if (!this.account) {
      return html`<h1 tabindex="-1">${t('module.title')}</h1>
        <p class="error" role="alert">${t('account.unavailable')}</p>`;
    }
    const can = powers(this.account, this.session);
    return html`
      <h1 tabindex="-1">${t('module.title')}</h1>
      ${this.tabsView(can)}
      <div class="tab-panel">${this.screen(can)}</div>`;
  }
}

customElements.define('chidao-account', ChidaoAccount);
