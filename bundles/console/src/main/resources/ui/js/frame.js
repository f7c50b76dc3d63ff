/*
 * What the shell and the module screens share: light-DOM elements, the module catalogue for the
 * navigation, and ModulePage, the frame of a module screen under /console/m/<module>/ (same header,
 * navigation and footer as the shell; login and unfinished account setup are left to the shell).
 *
 *   import { ModulePage } from '/console/js/frame.js';
 *   class MyScreens extends ModulePage {
 *     constructor() { super('/console/m/my/', 'my.pageTitle'); }
 *     renderMain() { return html`<h1 tabindex="-1">...</h1>`; }
 *   }
 */
import { LitElement, html } from 'lit';
import {
  t, getLanguage, setLanguage, loadMessages, loadModuleMessages, applyTranslations, LANGUAGE_EVENT,
} from './i18n.js';
import { api, fetchSession, fetchAccount, logout, UNAUTHORIZED_EVENT } from './api.js';
import { headerView, navView } from './views.js';

export const SHELL_URL = '/console/';

/** A Lit element rendering into the light DOM, so that the console CSS and test ids apply. */
export class LightElement extends LitElement {
  createRenderRoot() {
    return this;
  }
}

/**
 * GET /api/v1/modules and each module's own title (key module.title of its messages file):
 * {modules, titles: Map(name -> title), error}.
 */
export async function loadCatalogue() {
  let modules;
  try {
    const answer = await api.get('/api/v1/modules');
    modules = Array.isArray(answer) ? answer : [];
  } catch (e) {
    return { modules: [], titles: new Map(), error: e.message ? { text: e.message } : { key: 'error.modules' } };
  }
  const titles = new Map();
  await Promise.all(modules.filter((m) => m.consoleEntry).map(async (m) => {
    const messages = await loadModuleMessages(m.consoleEntry, { merge: false });
    if (typeof messages['module.title'] === 'string') {
      titles.set(m.name, messages['module.title']);
    }
  }));
  return { modules, titles, error: null };
}

/** The hash route of the page without '#/' and without a trailing '/': '#/a/b' gives ['a', 'b']. */
export function hashPath() {
  return window.location.hash.replace(/^#\/?/, '').replace(/\/$/, '').split('/').filter(Boolean)
    .map((part) => decodeURIComponent(part));
}

/**
 * Frame of a module screen. Subclasses implement renderMain() and may override routeChanged()
 * (after a hash change) and languageChanged() (to reload server texts). this.session and
 * this.account (null without the account module) are set before the first renderMain().
 */
export class ModulePage extends LightElement {
  static properties = {
    ready: { state: true },
    session: { state: true },
    account: { state: true },
    modules: { state: true },
    moduleTitles: { state: true },
    path: { state: true },
  };

  constructor(consoleEntry, titleKey) {
    super();
    this.consoleEntry = consoleEntry;
    this.titleKey = titleKey;
    this.shellBase = SHELL_URL;
    this.phase = 'shell';
    this.ready = false;
    this.session = null;
    this.account = null;
    this.modules = null;
    this.moduleTitles = new Map();
    this.path = hashPath();
    this.onHashChange = this.onHashChange.bind(this);
    this.onLanguage = this.onLanguage.bind(this);
    this.onUnauthorized = this.onUnauthorized.bind(this);
    this.onToggleLanguage = this.onToggleLanguage.bind(this);
    this.onLogout = this.onLogout.bind(this);
  }

  connectedCallback() {
    super.connectedCallback();
    this.classList.add('console-page');
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener(LANGUAGE_EVENT, this.onLanguage);
    window.addEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    this.start();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener(LANGUAGE_EVENT, this.onLanguage);
    window.removeEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    super.disconnectedCallback();
  }

  async start() {
    try {
      await loadMessages();
    } catch (e) {
      // keys are shown; the page still works
    }
    await loadModuleMessages(this.consoleEntry);
    this.applyTitle();
    try {
      this.session = await fetchSession();
      this.account = await fetchAccount();
    } catch (e) {
      this.toShell();
      return;
    }
    if (this.session.user && this.session.user.mustChangePassword) {
      this.toShell(); // the shell runs the forced password change and second-factor enrolment
      return;
    }
    this.ready = true;
    this.loadNavigation();
  }

  async loadNavigation() {
    const { modules, titles } = await loadCatalogue();
    this.modules = modules;
    this.moduleTitles = titles;
  }

  /** Re-reads the account answer (after the caller changed their profile or acting agency). */
  async refreshAccount() {
    this.account = await fetchAccount();
    return this.account;
  }

  moduleTitle(module) {
    return this.moduleTitles.get(module.name) || module.name;
  }

  applyTitle() {
    applyTranslations();
    document.title = `${t(this.titleKey)} \u2013 ${t('app.name')}`;
  }

  toShell() {
    window.location.assign(SHELL_URL);
  }

  onHashChange() {
    this.path = hashPath();
    this.routeChanged();
  }

  onLanguage() {
    this.applyTitle();
    this.requestUpdate();
    if (this.ready) {
      this.loadNavigation();
      this.languageChanged();
    }
  }

  onUnauthorized() {
    this.toShell();
  }

  async onToggleLanguage() {
    await setLanguage(getLanguage() === 'vi' ? 'en' : 'vi');
  }

  async onLogout() {
    try {
      await logout();
    } catch (e) {
      // the session is gone for this page either way
    }
    this.toShell();
  }

  /** Hooks for subclasses. */
  routeChanged() {}

  languageChanged() {}

  updated(changed) {
    if (changed.has('path') && changed.get('path') !== undefined) {
      this.querySelector('main h1')?.focus();
    }
  }

  render() {
    if (!this.ready) {
      return html`<p class="loading" role="status">${t('app.loading')}</p>`;
    }
    return html`${headerView(this)}
      <div class="layout">${navView(this)}
        <main id="main" tabindex="-1">${this.renderMain()}</main></div>
      <footer class="footer">${t('app.footer')}</footer>`;
  }
}
