/*
 * The console shell: login -> (forced password change) -> shell with navigation from the module
 * catalogue, home (modules, announcements), health. Module screens live under /console/m/<module>/
 * in their own bundles; the shell only links to them.
 */
import { LitElement, html, nothing } from 'lit';
import {
  t, getLanguage, setLanguage, loadMessages, loadModuleMessages, applyTranslations, LANGUAGE_EVENT,
} from './i18n.js';
import { api, fetchSession, login, logout, changePassword, UNAUTHORIZED_EVENT } from './api.js';
import {
  loginView, forcedPasswordView, passwordForm, navView, homeView, healthView, notFoundView,
  MIN_PASSWORD_LENGTH,
} from './views.js';

const ROUTES = { '': 'home', '#': 'home', '#/': 'home', '#/health': 'health', '#/password': 'password' };

function currentRoute() {
  return ROUTES[window.location.hash] || 'notfound';
}

class ChidaoApp extends LitElement {
  static properties = {
    phase: { state: true }, // loading | login | password | shell
    route: { state: true },
    session: { state: true },
    busy: { state: true },
    notice: { state: true },
    loginError: { state: true },
    pwError: { state: true },
    modules: { state: true },
    modulesError: { state: true },
    moduleTitles: { state: true },
    announcements: { state: true },
    health: { state: true },
    healthError: { state: true },
    healthLoading: { state: true },
    healthCheckedAt: { state: true },
  };

  constructor() {
    super();
    this.phase = 'loading';
    this.route = currentRoute();
    this.session = null;
    this.busy = false;
    this.notice = null;
    this.loginError = null;
    this.pwError = null;
    this.resetShellData();
    this.onHashChange = this.onHashChange.bind(this);
    this.onLanguageChanged = this.onLanguageChanged.bind(this);
    this.onUnauthorized = this.onUnauthorized.bind(this);
    this.onLogin = this.onLogin.bind(this);
    this.onChangePassword = this.onChangePassword.bind(this);
    this.onLogout = this.onLogout.bind(this);
    this.onToggleLanguage = this.onToggleLanguage.bind(this);
    this.onRefreshHealth = this.onRefreshHealth.bind(this);
  }

  createRenderRoot() {
    return this; // light DOM: global CSS and stable ids for tests
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener(LANGUAGE_EVENT, this.onLanguageChanged);
    window.addEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    this.start();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener(LANGUAGE_EVENT, this.onLanguageChanged);
    window.removeEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    super.disconnectedCallback();
  }

  resetShellData() {
    this.modules = null;
    this.modulesError = null;
    this.moduleTitles = new Map();
    this.announcements = null;
    this.health = null;
    this.healthError = null;
    this.healthLoading = false;
    this.healthCheckedAt = null;
  }

  async start() {
    try {
      await loadMessages();
    } catch (e) {
      // without message files the keys are shown; the console still works
    }
    applyTranslations();
    try {
      this.enter(await fetchSession());
    } catch (e) {
      this.phase = 'login';
      if (e.status !== 401) {
        this.loginError = { text: e.message };
      }
    }
  }

  /** After a session answer: the forced password screen or the shell. */
  enter(session) {
    this.session = session;
    this.loginError = null;
    this.pwError = null;
    if (session.user && session.user.mustChangePassword) {
      this.phase = 'password';
      return;
    }
    this.phase = 'shell';
    this.loadShellData();
  }

  loadShellData() {
    this.loadModules();
    this.loadAnnouncements();
    if (this.route === 'health') {
      this.loadHealth();
    }
  }

  async loadModules() {
    try {
      const modules = await api.get('/api/v1/modules');
      this.modules = Array.isArray(modules) ? modules : [];
      this.modulesError = null;
    } catch (e) {
      this.modules = [];
      this.modulesError = e.message ? { text: e.message } : { key: 'error.modules' };
      return;
    }
    await this.loadModuleTitles();
  }

  /** A module may name itself in its own messages file (key module.title); else its name is shown. */
  async loadModuleTitles() {
    const titles = new Map();
    await Promise.all((this.modules || []).filter((m) => m.consoleEntry).map(async (m) => {
      const messages = await loadModuleMessages(m.consoleEntry, { merge: false });
      if (typeof messages['module.title'] === 'string') {
        titles.set(m.name, messages['module.title']);
      }
    }));
    this.moduleTitles = titles;
  }

  moduleTitle(module) {
    return this.moduleTitles.get(module.name) || module.name;
  }

  async loadAnnouncements() {
    try {
      const data = await api.get('/api/v1/announcements');
      this.announcements = Array.isArray(data) ? data : [];
    } catch (e) {
      this.announcements = [];
    }
  }

  async loadHealth() {
    this.healthLoading = true;
    try {
      this.health = await api.get('/api/v1/health');
      this.healthError = null;
    } catch (e) {
      // a DOWN system may answer 503 with the health document itself
      if (e.problem && typeof e.problem.status === 'string') {
        this.health = e.problem;
        this.healthError = null;
      } else {
        this.health = null;
        this.healthError = { text: e.message };
      }
    } finally {
      this.healthLoading = false;
      this.healthCheckedAt = new Date();
    }
  }

  onRefreshHealth() {
    this.loadHealth();
  }

  onHashChange() {
    this.route = currentRoute();
    this.notice = this.route === 'home' ? this.notice : null;
    this.pwError = null;
    if (this.phase === 'shell' && this.route === 'health') {
      this.loadHealth();
    }
  }

  onLanguageChanged() {
    this.requestUpdate();
    if (this.phase === 'shell') {
      this.loadShellData(); // server texts (details, titles) follow Accept-Language
    }
  }

  onUnauthorized() {
    if (this.phase === 'shell' || this.phase === 'password') {
      this.session = null;
      this.resetShellData();
      this.phase = 'login';
      this.notice = { key: 'login.sessionExpired' };
    }
  }

  async onToggleLanguage() {
    await setLanguage(getLanguage() === 'vi' ? 'en' : 'vi');
  }

  async onLogin(event) {
    event.preventDefault();
    const form = event.target;
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    if (!username || !password) {
      this.loginError = { key: 'login.required' };
      return;
    }
    this.busy = true;
    try {
      const session = await login(username, password);
      this.notice = null;
      this.enter(session);
    } catch (e) {
      this.loginError = { text: e.message };
      form.elements.password.value = '';
      form.elements.password.focus();
    } finally {
      this.busy = false;
    }
  }

  async onChangePassword(event) {
    event.preventDefault();
    const form = event.target;
    const current = form.elements.current.value;
    const next = form.elements.new.value;
    const repeat = form.elements.repeat.value;
    let error = null;
    if (!current || !next || !repeat) {
      error = { key: 'password.required' };
    } else if ([...next].length < MIN_PASSWORD_LENGTH) {
      error = { key: 'password.tooShort', params: { min: MIN_PASSWORD_LENGTH } };
    } else if (next !== repeat) {
      error = { key: 'password.mismatch' };
    } else if (next === current) {
      error = { key: 'password.sameAsCurrent' };
    }
    if (error) {
      this.pwError = error;
      return;
    }
    const username = this.session.user.username;
    this.busy = true;
    try {
      await changePassword(current, next);
    } catch (e) {
      this.pwError = { text: e.message };
      this.busy = false;
      return;
    }
    // the server ended the session: sign in again with the new password
    try {
      const session = await login(username, next);
      this.notice = { key: 'password.changed' };
      if (this.route === 'password') {
        window.location.hash = '#/';
      }
      this.enter(session);
    } catch (e) {
      this.session = null;
      this.resetShellData();
      this.phase = 'login';
      this.notice = { key: 'password.reloginFailed' };
    } finally {
      this.busy = false;
    }
  }

  async onLogout() {
    try {
      await logout();
    } catch (e) {
      // the session is gone for this page either way
    }
    this.session = null;
    this.resetShellData();
    this.notice = { key: 'login.loggedOut' };
    this.loginError = null;
    this.phase = 'login';
    window.history.replaceState(null, '', window.location.pathname);
    this.route = currentRoute();
  }

  updated(changed) {
    const phaseChanged = changed.has('phase');
    const routeChanged = changed.has('route') && changed.get('route') !== undefined;
    if (!phaseChanged && !routeChanged) {
      return;
    }
    let target;
    if (this.phase === 'login') {
      target = this.querySelector('#login-username');
    } else if (this.phase === 'password' || this.route === 'password') {
      target = this.querySelector('#pw-current');
    } else {
      target = this.querySelector('main h1');
    }
    if (target) {
      target.focus();
    }
  }

  headerView() {
    const user = this.session && this.session.user;
    return html`
      <a class="skip-link" href="#main" @click=${(e) => { e.preventDefault(); this.querySelector('#main')?.focus(); }}>
        ${t('app.skipToContent')}</a>
      <header class="topbar">
        <div class="brand"><span class="emblem" aria-hidden="true"></span>
          <span class="app-name">${t('app.name')}</span></div>
        <div class="tools">
          ${user ? html`<span class="user"><span class="visually-hidden">${t('header.userLabel')}: </span>
            <span id="user-name">${user.fullName || user.username}</span></span>` : nothing}
          <button id="lang-switch" type="button" class="on-dark" lang=${getLanguage() === 'vi' ? 'en' : 'vi'}
            aria-label=${t('lang.switchLabel')} @click=${this.onToggleLanguage}>${t('lang.switch')}</button>
          ${user && this.phase === 'shell'
            ? html`<a class="button on-dark" href="#/password">${t('header.changePassword')}</a>` : nothing}
          ${user ? html`<button id="logout" type="button" class="on-dark" @click=${this.onLogout}>
            ${t('header.logout')}</button>` : nothing}
        </div>
      </header>`;
  }

  mainView() {
    switch (this.route) {
      case 'home': return homeView(this);
      case 'health': return healthView(this);
      case 'password': return passwordForm(this, false);
      default: return notFoundView();
    }
  }

  render() {
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status">${t('app.loading')}</p>`;
    }
    let body;
    if (this.phase === 'login') {
      body = loginView(this);
    } else if (this.phase === 'password') {
      body = forcedPasswordView(this);
    } else {
      body = html`<div class="layout">${navView(this)}
        <main id="main" tabindex="-1" class=${this.route === 'password' ? 'narrow' : ''}>${this.mainView()}</main></div>`;
    }
    return html`${this.headerView()}${body}<footer class="footer">${t('app.footer')}</footer>`;
  }
}

customElements.define('chidao-app', ChidaoApp);
