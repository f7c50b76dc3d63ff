/*
 * The console shell: login (with the authenticator code when the account has a second factor) ->
 * unfinished account setup (forced password change, then forced second-factor enrolment) -> shell
 * with navigation from the module catalogue, home (modules, announcements), health. Module screens
 * live under /console/m/<module>/ in their own bundles (frame.js); the shell only links to them.
 */
import { html } from 'lit';
import { t, getLanguage, setLanguage, loadMessages, applyTranslations, LANGUAGE_EVENT } from './i18n.js';
import {
  api, fetchSession, fetchAccount, login, logout, changePassword, startTotpEnrolment, confirmTotpEnrolment,
  isProblem, UNAUTHORIZED_EVENT,
} from './api.js';
import { LightElement, loadCatalogue } from './frame.js';
import {
  loginView, forcedPasswordView, passwordForm, forcedTotpView, totpForm, headerView, navView, homeView,
  healthView, notFoundView, MIN_PASSWORD_LENGTH, OTP_LENGTH,
} from './views.js';

const ROUTES = {
  '': 'home', '#': 'home', '#/': 'home', '#/health': 'health', '#/password': 'password', '#/totp': 'totp',
};
const OTP_PATTERN = new RegExp(`^[0-9]{${OTP_LENGTH}}$`);

function currentRoute() {
  return ROUTES[window.location.hash] || 'notfound';
}

/** What a refused login means for the person, as a message {key}; null = not a login refusal. */
function loginRefusal(error, otpStep) {
  if (error.status === 429) {
    return isProblem(error, 'throttled') ? { key: 'login.throttled' } : { key: 'login.busy' };
  }
  if (error.status === 401) {
    if (otpStep) {
      return isProblem(error, 'otp-required') ? { key: 'login.otpWrong' } : { key: 'login.failedWithOtp' };
    }
    return { key: 'login.failed' };
  }
  return null;
}

class ChidaoApp extends LightElement {
  static properties = {
    phase: { state: true }, // loading | login | password | totp | shell
    route: { state: true },
    session: { state: true },
    account: { state: true },
    pendingLogin: { state: true }, // {username, password} while the second-factor code is asked
    busy: { state: true },
    notice: { state: true },
    loginError: { state: true },
    pwError: { state: true },
    totp: { state: true },
    totpError: { state: true },
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
    this.shellBase = '';
    this.phase = 'loading';
    this.route = currentRoute();
    this.session = null;
    this.account = null;
    this.pendingLogin = null;
    this.busy = false;
    this.notice = null;
    this.loginError = null;
    this.pwError = null;
    this.totp = null;
    this.totpError = null;
    this.resetShellData();
    this.onHashChange = this.onHashChange.bind(this);
    this.onLanguageChanged = this.onLanguageChanged.bind(this);
    this.onUnauthorized = this.onUnauthorized.bind(this);
    this.onLogin = this.onLogin.bind(this);
    this.onRestartLogin = this.onRestartLogin.bind(this);
    this.onChangePassword = this.onChangePassword.bind(this);
    this.onStartTotp = this.onStartTotp.bind(this);
    this.onConfirmTotp = this.onConfirmTotp.bind(this);
    this.onLogout = this.onLogout.bind(this);
    this.onToggleLanguage = this.onToggleLanguage.bind(this);
    this.onRefreshHealth = this.onRefreshHealth.bind(this);
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

  /** Back to the login form, forgetting the session and anything typed for it. */
  toLogin(notice) {
    this.session = null;
    this.account = null;
    this.pendingLogin = null;
    this.totp = null;
    this.resetShellData();
    this.notice = notice;
    this.phase = 'login';
  }

  async start() {
    try {
      await loadMessages();
    } catch (e) {
      // without message files the keys are shown; the console still works
    }
    applyTranslations();
    let session;
    try {
      session = await fetchSession();
    } catch (e) {
      this.phase = 'login';
      if (e.status !== 401) {
        this.loginError = { text: e.message };
      }
      return;
    }
    await this.enter(session);
  }

  /**
   * After a session answer: what is left of the account setup decides the screen. With the account
   * module its answer says which step (password, second factor); without it only the session's
   * mustChangePassword counts.
   */
  async enter(session) {
    this.session = session;
    this.pendingLogin = null;
    this.loginError = null;
    this.pwError = null;
    this.totpError = null;
    try {
      this.account = await fetchAccount();
    } catch (e) {
      this.toLogin({ key: 'login.sessionExpired' });
      return;
    }
    const setup = this.account && this.account.setup;
    const passwordChange = setup ? Boolean(setup.passwordChange)
      : Boolean(session.user && session.user.mustChangePassword);
    if (passwordChange) {
      this.phase = 'password';
    } else if (setup && setup.totpEnrolment) {
      this.phase = 'totp';
      this.onStartTotp();
    } else {
      this.phase = 'shell';
      this.loadShellData();
    }
  }

  loadShellData() {
    this.loadModules();
    this.loadAnnouncements();
    if (this.route === 'health') {
      this.loadHealth();
    }
    if (this.route === 'totp' && !this.totp) {
      this.onStartTotp();
    }
  }

  async loadModules() {
    const { modules, titles, error } = await loadCatalogue();
    this.modules = modules;
    this.moduleTitles = titles;
    this.modulesError = error;
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
    if (this.phase !== 'shell') {
      return;
    }
    if (this.route === 'health') {
      this.loadHealth();
    }
    if (this.route === 'totp') {
      this.totp = null;
      this.totpError = null;
      this.onStartTotp();
    }
  }

  onLanguageChanged() {
    this.requestUpdate();
    if (this.phase === 'shell') {
      this.loadShellData(); // server texts (details, titles) follow Accept-Language
    }
  }

  onUnauthorized() {
    if (this.phase === 'shell' || this.phase === 'password' || this.phase === 'totp') {
      this.toLogin({ key: 'login.sessionExpired' });
    }
  }

  async onToggleLanguage() {
    await setLanguage(getLanguage() === 'vi' ? 'en' : 'vi');
  }

  async onLogin(event) {
    event.preventDefault();
    const form = event.target;
    const pending = this.pendingLogin;
    let username;
    let password;
    let otp;
    if (pending) {
      ({ username, password } = pending);
      otp = form.elements.otp.value.replace(/\s+/g, '');
      if (!OTP_PATTERN.test(otp)) {
        this.loginError = { key: 'login.otpFormat', params: { digits: OTP_LENGTH } };
        form.elements.otp.focus();
        return;
      }
    } else {
      username = form.elements.username.value.trim();
      password = form.elements.password.value;
      if (!username || !password) {
        this.loginError = { key: 'login.required' };
        return;
      }
    }
    this.busy = true;
    try {
      const session = await login(username, password, otp);
      this.notice = null;
      await this.enter(session);
    } catch (e) {
      if (!pending && isProblem(e, 'otp-required')) {
        // the password is right; the authenticator code is asked on the same card
        this.pendingLogin = { username, password };
        this.loginError = null;
        this.notice = null;
      } else {
        this.loginError = loginRefusal(e, Boolean(pending)) || { text: e.message };
        const again = pending ? form.elements.otp : form.elements.password;
        again.value = '';
      }
      await this.updateComplete;
      (this.querySelector('#login-otp') || this.querySelector('#login-password'))?.focus();
    } finally {
      this.busy = false;
    }
  }

  onRestartLogin() {
    this.pendingLogin = null;
    this.loginError = null;
    this.notice = null;
    this.updateComplete.then(() => this.querySelector('#login-username')?.focus());
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
      await this.enter(session);
    } catch (e) {
      if (isProblem(e, 'otp-required')) {
        this.toLogin({ key: 'password.changedEnterCode' });
        this.pendingLogin = { username, password: next };
      } else {
        this.toLogin({ key: 'password.reloginFailed' });
      }
      if (this.route === 'password') {
        window.location.hash = '#/';
      }
    } finally {
      this.busy = false;
    }
  }

  /** Asks the server for a new pending secret (forced enrolment, or #/totp from the shell). */
  async onStartTotp() {
    this.totp = null;
    this.totpError = null;
    if (!this.account) {
      this.totpError = { key: 'totp.unavailable' };
      return;
    }
    if (this.phase === 'shell' && this.account.user && this.account.user.totpEnabled) {
      this.totpError = { key: 'totp.alreadyEnabled' };
      return;
    }
    this.busy = true;
    try {
      this.totp = await startTotpEnrolment();
    } catch (e) {
      this.totpError = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  async onConfirmTotp(event) {
    event.preventDefault();
    const field = event.target.elements.code;
    const code = field.value.replace(/\s+/g, '');
    if (!OTP_PATTERN.test(code)) {
      this.totpError = { key: 'login.otpFormat', params: { digits: OTP_LENGTH } };
      field.focus();
      return;
    }
    this.busy = true;
    try {
      await confirmTotpEnrolment(code);
    } catch (e) {
      this.totpError = isProblem(e, 'invalid-otp') ? { key: 'totp.wrongCode' } : { text: e.message };
      field.value = '';
      field.focus();
      this.busy = false;
      return;
    }
    const forced = this.phase === 'totp';
    this.totp = null;
    try {
      const session = await fetchSession();
      this.notice = { key: 'totp.enabled' };
      if (!forced) {
        window.location.hash = '#/';
      }
      await this.enter(session);
    } catch (e) {
      this.toLogin({ key: 'totp.enabledSignIn' });
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
    this.toLogin({ key: 'login.loggedOut' });
    this.loginError = null;
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
      target = this.querySelector('#login-otp') || this.querySelector('#login-username');
    } else if (this.phase === 'password' || (this.phase === 'shell' && this.route === 'password')) {
      target = this.querySelector('#pw-current');
    } else {
      target = this.querySelector('main h1');
    }
    if (target) {
      target.focus();
    }
  }

  mainView() {
    switch (this.route) {
      case 'home': return homeView(this);
      case 'health': return healthView(this);
      case 'password': return passwordForm(this, false);
      case 'totp': return totpForm(this, false);
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
    } else if (this.phase === 'totp') {
      body = forcedTotpView(this);
    } else {
      const narrow = this.route === 'password' || this.route === 'totp';
      body = html`<div class="layout">${navView(this)}
        <main id="main" tabindex="-1" class=${narrow ? 'narrow' : ''}>${this.mainView()}</main></div>`;
    }
    return html`${headerView(this)}${body}<footer class="footer">${t('app.footer')}</footer>`;
  }
}

customElements.define('chidao-app', ChidaoApp);
