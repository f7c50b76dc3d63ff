/* Templates of the console screens (light DOM, so that the page CSS and test ids apply). */
import { html, nothing } from 'lit';
import { t, formatDate, formatDateTime } from './i18n.js';
import { statusLabel, statusTone } from './status.js';

export const MIN_PASSWORD_LENGTH = 12;

/** A message held as {key, params} (translated at render time) or {text} (from the server). */
export function text(message) {
  if (!message) {
    return '';
  }
  return message.key ? t(message.key, message.params) : message.text;
}

function badge(state, id) {
  return html`<span id=${id || nothing} class="badge tone-${statusTone(state)}"
    data-status=${String(state ?? 'UNKNOWN')}>${statusLabel(state)}</span>`;
}

function notice(app) {
  return app.notice ? html`<p class="notice" role="status">${text(app.notice)}</p>` : nothing;
}

export function loginView(app) {
  return html`
    <main id="main" class="auth" tabindex="-1">
      <form class="card auth-card" novalidate @submit=${app.onLogin}>
        <h1>${t('login.title')}</h1>
        <p class="intro">${t('login.intro')}</p>
        ${notice(app)}
        <div class="field">
          <label for="login-username">${t('login.username')}</label>
          <input id="login-username" name="username" type="text" autocomplete="username"
            autocapitalize="none" spellcheck="false" required>
        </div>
        <div class="field">
          <label for="login-password">${t('login.password')}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required>
        </div>
        ${app.loginError ? html`<p id="login-error" class="error" role="alert">${text(app.loginError)}</p>` : nothing}
        <div class="actions">
          <button id="login-submit" class="primary" type="submit" ?disabled=${app.busy}>
            ${app.busy ? t('login.submitting') : t('login.submit')}</button>
        </div>
      </form>
    </main>`;
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
      ${app.pwError ? html`<p id="pw-error" class="error" role="alert">${text(app.pwError)}</p>` : nothing}
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

export function navView(app) {
  const withScreens = (app.modules || []).filter((m) => m.consoleEntry);
  const current = (route) => (app.route === route ? 'page' : nothing);
  return html`
    <nav id="nav" aria-label=${t('nav.label')}>
      <ul>
        <li><a href="#/" aria-current=${current('home')}>${t('nav.home')}</a></li>
        <li><a href="#/health" aria-current=${current('health')}>${t('nav.health')}</a></li>
      </ul>
      <h2 class="nav-group">${t('nav.modules')}</h2>
      ${withScreens.length
        ? html`<ul>${withScreens.map((m) => html`
            <li><a href=${m.consoleEntry} data-nav-module=${m.name}>${app.moduleTitle(m)}</a></li>`)}</ul>`
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
