/* Templates of the console screens (light DOM, so that the page CSS and test ids apply). */
import { html, nothing } from 'lit';
import { t, getLanguage, formatDate, formatDateTime } from './i18n.js';
import { statusLabel, statusTone } from './status.js';
import './demo.js';
import './outage.js';

export const MIN_PASSWORD_LENGTH = 12;

/** A message held as {key, params} (translated at render time) or {text} (from the server). */
export function text(message) {
  if (!message) {
    return '';
  }
  return message.key ? t(message.key, message.params) : message.text;
}

/** A coloured label; tone is ok | warn | bad | neutral; status goes to data-status for tests. */
export function pill(label, tone, { id, status } = {}) {
  return html`<span id=${id || nothing} class="badge tone-${tone}" data-status=${status ?? nothing}>${label}</span>`;
}

function badge(state, id) {
  return pill(statusLabel(state), statusTone(state), { id, status: String(state ?? 'UNKNOWN') });
}

/** The page's notice ({key} or {text}) as a polite status line. */
export function notice(app) {
  return app.notice ? html`<p class="notice" role="status">${text(app.notice)}</p>` : nothing;
}

/** An error message ({key} or {text}) as an alert, with an optional id for tests. */
export function errorLine(message, id) {
  return message ? html`<p id=${id || nothing} class="error" role="alert">${text(message)}</p>` : nothing;
}

/** The secret of an authenticator app in groups of four, as apps and people read it. */
export function groupSecret(secret) {
  return String(secret || '').replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The name of the agency the caller acts for, from the account answer (null without the account module). */
function actingAgencyName(account) {
  if (!account) {
    return null;
  }
  const own = (account.agencies || []).find((a) => a.agencyId === account.agencyId);
  return (own && own.name) || account.agencyName || null;
}

/**
 * The red top bar of every console page, with the demo-mode banner (demo.js) and the outage banner
 * (outage.js) under it. app: session,
 * account, phase, shellBase ('' in the shell, '/console/' in module screens), onToggleLanguage, onLogout.
 */
export function headerView(app) {
  const user = app.session && app.session.user;
  const agency = actingAgencyName(app.account);
  const base = app.shellBase || '';
  return html`
    <a class="skip-link" href="#main" @click=${(e) => { e.preventDefault(); app.querySelector('#main')?.focus(); }}>
      ${t('app.skipToContent')}</a>
    <header class="topbar">
      <div class="brand"><span class="emblem" aria-hidden="true"></span>
        <span class="app-name">${t('app.name')}</span></div>
      <div class="tools">
        ${user ? html`<span class="user"><span class="visually-hidden">${t('header.userLabel')}: </span>
          <span id="user-name">${user.fullName || user.username}</span>
          ${agency ? html`<span class="visually-hidden">, ${t('header.agencyLabel')}: </span>
            <span id="user-agency" class="user-agency">${agency}</span>` : nothing}</span>` : nothing}
        <button id="lang-switch" type="button" class="on-dark" lang=${getLanguage() === 'vi' ? 'en' : 'vi'}
          aria-label=${t('lang.switchLabel')} @click=${app.onToggleLanguage}>${t('lang.switch')}</button>
        ${user && app.phase === 'shell'
          ? html`<a class="button on-dark" href="${base}#/password">${t('header.changePassword')}</a>` : nothing}
        ${user ? html`<button id="logout" type="button" class="on-dark" @click=${app.onLogout}>
          ${t('header.logout')}</button>` : nothing}
      </div>
    </header>
    <chidao-demo-banner></chidao-demo-banner>
    <chidao-outage-banner></chidao-outage-banner>`;
}

export const OTP_LENGTH = 6;

export function loginView(app) {
  const otpStep = Boolean(app.pendingLogin);
  return html`
    <main id="main" class="auth" tabindex="-1">
      <form class="card auth-card" novalidate @submit=${app.onLogin}>
        <h1 tabindex="-1">${otpStep ? t('login.otpTitle') : t('login.title')}</h1>
        <p class="intro">${otpStep ? t('login.otpIntro') : t('login.intro')}</p>
        ${notice(app)}
        ${otpStep ? html`
          <p class="meta">${t('login.otpFor', { username: app.pendingLogin.username })}</p>
          <div class="field">
            <label for="login-otp">${t('login.otp')}</label>
            <input id="login-otp" name="otp" type="text" inputmode="numeric" autocomplete="one-time-code"
              pattern="[0-9]{6}" maxlength=${OTP_LENGTH} spellcheck="false" required aria-describedby="login-otp-hint"
              class="otp">
            <p id="login-otp-hint" class="hint">${t('login.otpHint', { digits: OTP_LENGTH })}</p>
          </div>` : html`
          <div class="field">
            <label for="login-username">${t('login.username')}</label>
            <input id="login-username" name="username" type="text" autocomplete="username"
              autocapitalize="none" spellcheck="false" required>
          </div>
          <div class="field">
            <label for="login-password">${t('login.password')}</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required>
          </div>`}
        ${errorLine(app.loginError, 'login-error')}
        <div class="actions">
          <button id="login-submit" class="primary" type="submit" ?disabled=${app.busy}>
            ${app.busy ? t('login.submitting') : otpStep ? t('login.otpSubmit') : t('login.submit')}</button>
          ${otpStep ? html`<button id="login-restart" type="button" @click=${app.onRestartLogin}>
            ${t('login.restart')}</button>` : nothing}
        </div>
      </form>
    </main>`;
}

/**
 * Enrolment of an authenticator app: the secret (grouped by four) and the otpauth link, then the
 * first code. forced = administrators must finish it before anything else.
 */
export function totpForm(app, forced) {
  const enrolment = app.totp;
  return html`
    <form class="card auth-card" novalidate @submit=${app.onConfirmTotp}>
      <h1 tabindex="-1">${forced ? t('totp.forcedTitle') : t('totp.title')}</h1>
      <p class="intro">${forced ? t('totp.forcedIntro') : t('totp.intro')}</p>
      ${notice(app)}
      ${enrolment ? html`
        <ol class="steps">
          <li>${t('totp.step1')}
            <dl class="facts secret-facts">
              <dt>${t('totp.secret')}</dt>
              <dd><code id="totp-secret" class="secret" aria-label=${t('totp.secretLabel')}>${groupSecret(enrolment.secret)}</code></dd>
              ${enrolment.issuer ? html`<dt>${t('totp.issuer')}</dt><dd id="totp-issuer">${enrolment.issuer}</dd>` : nothing}
              <dt>${t('totp.account')}</dt><dd>${app.session.user.username}</dd>
              <dt>${t('totp.kind')}</dt><dd>${t('totp.kindValue')}</dd>
            </dl>
            ${enrolment.uri ? html`<p class="hint">${t('totp.uriHint')}
              <a id="totp-uri" href=${enrolment.uri}>${t('totp.uriLink')}</a></p>` : nothing}
          </li>
          <li>${t('totp.step2')}
            <div class="field">
              <label for="totp-code">${t('totp.code')}</label>
              <input id="totp-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                pattern="[0-9]{6}" maxlength=${OTP_LENGTH} spellcheck="false" required class="otp">
            </div>
          </li>
        </ol>` : app.totpError ? nothing : html`<p class="muted" role="status">${t('common.loading')}</p>`}
      ${errorLine(app.totpError, 'totp-error')}
      <div class="actions">
        ${enrolment ? html`<button id="totp-submit" class="primary" type="submit" ?disabled=${app.busy}>
          ${app.busy ? t('totp.submitting') : t('totp.submit')}</button>`
          : html`<button id="totp-retry" type="button" @click=${app.onStartTotp} ?disabled=${app.busy}>
            ${t('totp.retry')}</button>`}
        ${forced ? nothing : html`<a class="button" href="#/">${t('password.cancel')}</a>`}
      </div>
    </form>`;
}

export function forcedTotpView(app) {
  return html`<main id="main" class="auth" tabindex="-1">${totpForm(app, true)}</main>`;
}

/** The password form; forced = the one-time password must be replaced before anything else. */
export function passwordForm(app, forced) {
  return html`
    <form class="card auth-card" novalidate @submit=${app.onChangePassword}>
      <h1 tabindex="-1">${forced ? t('password.forcedTitle') : t('password.title')}</h1>
      <p class="intro">${forced ? t('password.forcedIntro') : t('password.intro')}</p>
      <div class="field">
        <label for="pw-current">${t('password.current')}</label>
        <input id="pw-current" name="current" type="password" autocomplete="current-password" required>
      </div>
      <div class="field">
        <label for="pw-new">${t('password.new')}</label>
        <input id="pw-new" name="new" type="password" autocomplete="new-password" required
          minlength=${MIN_PASSWORD_LENGTH} aria-describedby="pw-hint">
        <p id="pw-hint" class="hint">${t('password.hint', { min: MIN_PASSWORD_LENGTH })}</p>
      </div>
      <div class="field">
        <label for="pw-repeat">${t('password.repeat')}</label>
        <input id="pw-repeat" name="repeat" type="password" autocomplete="new-password" required
          minlength=${MIN_PASSWORD_LENGTH}>
      </div>
      ${errorLine(app.pwError, 'pw-error')}
      <div class="actions">
        <button id="pw-submit" class="primary" type="submit" ?disabled=${app.busy}>
          ${app.busy ? t('password.submitting') : t('password.submit')}</button>
        ${forced ? nothing : html`<a class="button" href="#/">${t('password.cancel')}</a>`}
      </div>
    </form>`;
}

export function forcedPasswordView(app) {
  return html`<main id="main" class="auth" tabindex="-1">${passwordForm(app, true)}</main>`;
}

/**
 * The left navigation: the shell's pages, then every module with screens (from the catalogue).
 * In a module screen app.shellBase is '/console/' and that module's entry is the current page.
 */
export function navView(app) {
  const withScreens = (app.modules || []).filter((m) => m.consoleEntry);
  const base = app.shellBase || '';
  const current = (route) => (!base && app.route === route ? 'page' : nothing);
  const here = window.location.pathname;
  return html`
    <nav id="nav" aria-label=${t('nav.label')}>
      <ul>
        <li><a href="${base}#/" aria-current=${current('home')}>${t('nav.home')}</a></li>
        <li><a href="${base}#/health" aria-current=${current('health')}>${t('nav.health')}</a></li>
      </ul>
      <h2 class="nav-group">${t('nav.modules')}</h2>
      ${withScreens.length
        ? html`<ul>${withScreens.map((m) => html`
            <li><a href=${m.consoleEntry} data-nav-module=${m.name}
              aria-current=${here.startsWith(m.consoleEntry) ? 'page' : nothing}>${app.moduleTitle(m)}</a></li>`)}</ul>`
        : html`<p class="nav-empty">${t('nav.noModuleScreens')}</p>`}
    </nav>`;
}

function announcementsView(app) {
  let body;
  if (app.announcements === null) {
    body = html`<p class="muted">${t('common.loading')}</p>`;
  } else if (app.announcements.length === 0) {
    body = html`<p id="announcements-empty" class="muted">${t('announcements.none')}</p>`;
  } else {
    body = html`<ul class="announcements">${app.announcements.map((a) => {
      const date = formatDate(a.publishedAt || a.createdAt || a.date);
      return html`<li>
        <h3>${a.title || a.subject || ''}</h3>
        ${date ? html`<p class="meta">${t('announcements.published', { date })}</p>` : nothing}
        ${a.body || a.summary || a.text ? html`<p>${a.body || a.summary || a.text}</p>` : nothing}
      </li>`;
    })}</ul>`;
  }
  return html`
    <section id="announcements" class="card" aria-labelledby="announcements-title">
      <h2 id="announcements-title">${t('announcements.title')}</h2>
      ${body}
    </section>`;
}

function moduleTable(app) {
  const modules = app.modules;
  return html`
    <table id="module-list" class="data">
      <caption class="visually-hidden">${t('modules.caption')}</caption>
      <thead><tr>
        <th scope="col">${t('modules.name')}</th>
        <th scope="col">${t('modules.version')}</th>
        <th scope="col">${t('modules.state')}</th>
        <th scope="col">${t('modules.screen')}</th>
      </tr></thead>
      <tbody>
        ${modules === null
          ? html`<tr><td colspan="4" class="muted">${t('common.loading')}</td></tr>`
          : modules.length === 0
            ? html`<tr><td colspan="4" class="muted">${t('modules.none')}</td></tr>`
            : modules.map((m) => html`
              <tr data-module=${m.name}>
                <th scope="row">${app.moduleTitle(m)}
                  ${app.moduleTitle(m) !== m.name ? html`<span class="code">${m.name}</span>` : nothing}</th>
                <td>${m.version || t('common.none')}</td>
                <td>${badge(m.state)}${m.detail ? html`<span class="detail">${m.detail}</span>` : nothing}</td>
                <td>${m.consoleEntry
                  ? html`<a href=${m.consoleEntry}>${t('modules.open')}</a>`
                  : html`<span class="muted">${t('modules.noScreen')}</span>`}</td>
              </tr>`)}
      </tbody>
    </table>`;
}

export function homeView(app) {
  const user = app.session.user;
  return html`
    <h1 tabindex="-1">${t('home.title')}</h1>
    <p class="welcome">${t('home.welcome', { name: user.fullName || user.username })}</p>
    ${notice(app)}
    <div class="home-grid">
      <section class="card" aria-labelledby="modules-title">
        <h2 id="modules-title">${t('modules.title')}</h2>
        ${app.modulesError ? html`<p class="error" role="alert">${text(app.modulesError)}</p>` : nothing}
        ${moduleTable(app)}
      </section>
      ${announcementsView(app)}
    </div>`;
}

export function healthView(app) {
  const h = app.health;
  const loading = !h && !app.healthError;
  const db = (h && h.database) || {};
  const migrations = (h && h.migrations) || [];
  const modules = (h && h.modules) || [];
  return html`
    <div class="page-head">
      <h1 tabindex="-1">${t('health.title')}</h1>
      <button id="health-refresh" type="button" @click=${app.onRefreshHealth} ?disabled=${app.healthLoading}>
        ${t('health.refresh')}</button>
    </div>
    ${app.healthError ? html`<p class="error" role="alert">${text(app.healthError)}</p>` : nothing}
    <section class="card overall" aria-labelledby="health-overall">
      <h2 id="health-overall">${t('health.overall')}</h2>
      ${loading ? html`<p class="muted">${t('common.loading')}</p>`
        : html`<p class="overall-status">${badge(h ? h.status : 'UNKNOWN', 'health-status')}</p>`}
      ${app.healthCheckedAt
        ? html`<p class="meta">${t('health.checkedAt', { time: formatDateTime(app.healthCheckedAt) })}</p>` : nothing}
    </section>
    ${h ? html`
      <div class="health-grid">
        <section class="card" aria-labelledby="health-db">
          <h2 id="health-db">${t('health.database')}</h2>
          <dl class="facts">
            <dt>${t('health.dbStatus')}</dt><dd>${badge(db.status, 'health-db-status')}</dd>
            <dt>${t('health.dbProduct')}</dt><dd>${db.product || t('common.none')}</dd>
            <dt>${t('health.dbVersion')}</dt><dd>${db.version || t('common.none')}</dd>
            <dt>${t('health.dbLatency')}</dt>
            <dd>${db.latencyMs === undefined || db.latencyMs === null
              ? t('common.none') : t('health.latencyValue', { ms: db.latencyMs })}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="health-mig">
          <h2 id="health-mig">${t('health.migrations')}</h2>
          ${migrations.length === 0 ? html`<p class="muted">${t('health.noMigrations')}</p>` : html`
            <table id="health-migrations" class="data">
              <thead><tr>
                <th scope="col">${t('health.migrationSchema')}</th>
                <th scope="col">${t('health.migrationStatus')}</th>
                <th scope="col">${t('health.migrationVersion')}</th>
                <th scope="col">${t('health.migrationDetail')}</th>
              </tr></thead>
              <tbody>${migrations.map((m) => html`<tr data-schema=${m.schema}>
                <th scope="row"><span class="code">${m.schema}</span></th>
                <td>${badge(m.status)}</td>
                <td>${m.version || t('common.none')}</td>
                <td>${m.detail || ''}</td></tr>`)}</tbody>
            </table>`}
        </section>
      </div>
      <section class="card" aria-labelledby="health-mods">
        <h2 id="health-mods">${t('health.modules')}</h2>
        <table id="health-modules" class="data">
          <thead><tr>
            <th scope="col">${t('modules.name')}</th>
            <th scope="col">${t('modules.version')}</th>
            <th scope="col">${t('modules.state')}</th>
            <th scope="col">${t('modules.detail')}</th>
          </tr></thead>
          <tbody>${modules.length === 0
            ? html`<tr><td colspan="4" class="muted">${t('modules.none')}</td></tr>`
            : modules.map((m) => html`<tr data-health-module=${m.name}>
              <th scope="row">${app.moduleTitle(m)}</th>
              <td>${m.version || t('common.none')}</td>
              <td>${badge(m.state)}</td>
              <td>${m.detail || ''}</td></tr>`)}</tbody>
        </table>
      </section>` : nothing}`;
}

export function notFoundView() {
  return html`
    <h1 tabindex="-1">${t('notFound.title')}</h1>
    <p><a href="#/">${t('notFound.back')}</a></p>`;
}

/** Lists are paginated from page 1 (?page=&size=, the answer carries items, total, page, size). */
export const FIRST_PAGE = 1;

/**
 * Previous / next buttons under a paginated list; go(page) loads another page. Ids <prefix>-prev,
 * <prefix>-next. Nothing when everything fits on one page.
 */
export function pagerView(answer, go, prefix) {
  if (!answer || !answer.total) {
    return nothing;
  }
  const size = answer.size || (answer.items || []).length || 1;
  const pages = Math.max(1, Math.ceil(answer.total / size));
  if (pages <= 1) {
    return nothing;
  }
  const index = answer.page - FIRST_PAGE + 1;
  return html`
    <nav class="pager" aria-label=${t('pager.label')}>
      <button id="${prefix}-prev" type="button" class="small" ?disabled=${index <= 1}
        @click=${() => go(answer.page - 1)}>${t('pager.previous')}</button>
      <span>${t('pager.status', { page: index, pages, total: answer.total })}</span>
      <button id="${prefix}-next" type="button" class="small" ?disabled=${index >= pages}
        @click=${() => go(answer.page + 1)}>${t('pager.next')}</button>
    </nav>`;
}

/**
 * A modal dialog asking for a note (decision, lock reason). Open while state is set; ids are
 * <id>, <id>-note, <id>-error, <id>-submit, <id>-cancel. options: {id, title, summary, label,
 * required, submitLabel, busy, error, onSubmit(note), onCancel()}.
 */
export function noteDialog(state, options) {
  if (!state) {
    return nothing;
  }
  const { id } = options;
  const submit = (e) => {
    e.preventDefault();
    options.onSubmit(e.target.elements.note.value.trim());
  };
  return html`
    <dialog id=${id} class="dialog" aria-labelledby="${id}-title" @cancel=${(e) => { e.preventDefault(); options.onCancel(); }}>
      <form novalidate @submit=${submit}>
        <h2 id="${id}-title">${options.title}</h2>
        ${options.summary ? html`<p>${options.summary}</p>` : nothing}
        <div class="field">
          <label for="${id}-note">${options.label}${options.required ? nothing
            : html` <span class="muted">${t('common.optional')}</span>`}</label>
          <textarea id="${id}-note" name="note" rows="3" maxlength="1000" ?required=${options.required}></textarea>
        </div>
        ${errorLine(options.error, `${id}-error`)}
        <div class="actions">
          <button id="${id}-submit" class="primary" type="submit" ?disabled=${options.busy}>${options.submitLabel}</button>
          <button id="${id}-cancel" type="button" @click=${options.onCancel}>${t('password.cancel')}</button>
        </div>
      </form>
    </dialog>`;
}

/** Opens (showModal) every closed dialog rendered in root; call from updated(). */
export function openDialogs(root) {
  root.querySelectorAll('dialog:not([open])').forEach((d) => {
    d.showModal();
    d.querySelector('textarea, input, button.primary')?.focus();
  });
}

/**
 * A screen's paged list: "loading" until the first answer, an empty note, or the table with its pager.
 * `name` gives the element ids (`<name>-table`, `<name>-empty`); `columns` are message keys.
 */
export function pagedTable(screen, { name, caption, empty, columns, actions, row }) {
  const a = screen.answer;
  if (!a) {
    return screen.error ? nothing : html`<p class="muted" role="status">${t('common.loading')}</p>`;
  }
  if (!a.items || a.items.length === 0) {
    return html`<p id="${name}-empty" class="muted">${empty}</p>`;
  }
  return html`
    <table id="${name}-table" class="data">
      <caption class="visually-hidden">${t(caption)}</caption>
      <thead><tr>
        ${columns.map((c) => html`<th scope="col">${t(c)}</th>`)}
        ${actions ? html`<th scope="col">${t('common.actions')}</th>` : nothing}
      </tr></thead>
      <tbody>${a.items.map(row)}</tbody>
    </table>
    ${pagerView(a, (page) => screen.load(page), name)}`;
}
