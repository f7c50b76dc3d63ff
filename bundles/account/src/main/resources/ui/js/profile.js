/* My profile: contact details, password and second factor, the agencies I work for. */
import { html, nothing } from 'lit';
import { t, formatDate } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { pill, errorLine, text } from '/console/js/views.js';
import { roleLabel } from '/console/js/status.js';
import { SHELL_URL } from '/console/js/frame.js';
import { API, Screen } from './common.js';

const FIELDS = ['fullName', 'position', 'email', 'phone'];

class AccountProfile extends Screen {
  static properties = {
    busy: { state: true },
    saved: { state: true },
    error: { state: true },
    switchError: { state: true },
  };

  constructor() {
    super();
    this.busy = false;
    this.saved = null;
    this.error = null;
    this.switchError = null;
  }

  async onSave(event) {
    event.preventDefault();
    const form = event.target;
    const body = {};
    for (const name of FIELDS) {
      body[name] = form.elements[name].value.trim();
    }
    if (!body.fullName) {
      this.error = { key: 'account.profile.fullNameRequired' };
      this.saved = null;
      form.elements.fullName.focus();
      return;
    }
    this.busy = true;
    this.error = null;
    this.saved = null;
    try {
      await api.put(`${API}/me`, body);
      await this.page.refreshAccount();
      this.saved = { key: 'account.profile.saved' };
    } catch (e) {
      this.error = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  async onSwitch(agencyId) {
    this.busy = true;
    this.switchError = null;
    try {
      await api.post(`${API}/me/agency`, { agencyId });
      window.location.reload(); // every screen and the session now act for the other agency
    } catch (e) {
      this.switchError = { text: e.message };
      this.busy = false;
    }
  }

  detailsView(user) {
    const field = (name, id, label, type, autocomplete, required) => html`
      <div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} .value=${user[name] || ''}
          ?required=${required} maxlength="200">
      </div>`;
    return html`
      <section class="card" aria-labelledby="profile-details-title">
        <h2 id="profile-details-title">${t('account.profile.details')}</h2>
        <form id="profile-form" novalidate @submit=${this.onSave}>
          <dl class="facts">
            <dt>${t('account.user.username')}</dt><dd id="profile-username">${user.username}</dd>
            ${user.createdAt ? html`<dt>${t('account.user.createdAt')}</dt><dd>${formatDate(user.createdAt)}</dd>` : nothing}
          </dl>
          <div class="form-grid">
            ${field('fullName', 'profile-fullname', t('account.user.fullName'), 'text', 'name', true)}
            ${field('position', 'profile-position', t('account.user.position'), 'text', 'organization-title', false)}
            ${field('email', 'profile-email', t('account.user.email'), 'email', 'email', false)}
            ${field('phone', 'profile-phone', t('account.user.phone'), 'tel', 'tel', false)}
          </div>
          ${errorLine(this.error, 'profile-error')}
          ${this.saved ? html`<p id="profile-saved" class="notice" role="status">${text(this.saved)}</p>` : nothing}
          <div class="actions">
            <button id="profile-submit" class="primary" type="submit" ?disabled=${this.busy}>
              ${this.busy ? t('account.saving') : t('account.save')}</button>
          </div>
        </form>
      </section>`;
  }

  securityView(user) {
    return html`
      <section class="card" aria-labelledby="profile-security-title">
        <h2 id="profile-security-title">${t('account.profile.security')}</h2>
        <dl class="facts">
          <dt>${t('login.password')}</dt>
          <dd><a id="profile-password-link" href="${SHELL_URL}#/password">${t('header.changePassword')}</a></dd>
          <dt>${t('account.user.totp')}</dt>
          <dd>${user.totpEnabled
            ? pill(t('account.totp.on'), 'ok', { id: 'profile-totp-status', status: 'on' })
            : html`${pill(t('account.totp.off'), 'warn', { id: 'profile-totp-status', status: 'off' })}
              <a id="profile-totp-link" class="inline-link" href="${SHELL_URL}#/totp">${t('totp.title')}</a>`}</dd>
        </dl>
      </section>`;
  }

  agenciesView(account) {
    const agencies = account.agencies || [];
    return html`
      <section class="card" aria-labelledby="profile-agencies-title">
        <h2 id="profile-agencies-title">${t('account.profile.agencies')}</h2>
        ${this.can.systemAdmin ? html`<p id="profile-system-admin">${pill(roleLabel('system-admin'), 'ok',
          { status: 'system-admin' })} <span class="detail">${t('account.profile.systemWide')}</span></p>` : nothing}
        ${agencies.length === 0 ? (this.can.systemAdmin ? nothing
          : html`<p class="muted">${t('account.profile.noAgency')}</p>`) : html`
          <ul id="profile-agencies" class="plain-list">
            ${agencies.map((a) => {
              const acting = a.agencyId === account.agencyId;
              return html`<li data-agency=${a.agencyId}>
                <strong>${a.name}</strong>
                ${acting ? pill(t('account.profile.acting'), 'ok', { status: 'acting' }) : nothing}
                <span class="detail">${(a.roles || []).map(roleLabel).join(', ') || t('common.none')}</span>
                ${acting ? nothing : html`<button id="agency-switch-${a.agencyId}" type="button" class="small"
                  ?disabled=${this.busy} @click=${() => this.onSwitch(a.agencyId)}>${t('account.profile.switch')}</button>`}
              </li>`;
            })}
          </ul>`}
        ${errorLine(this.switchError, 'agency-switch-error')}
      </section>`;
  }

  render() {
    const account = this.account;
    const user = account && account.user;
    if (!user) {
      return html`<p class="error" role="alert">${t('account.unavailable')}</p>`;
    }
    return html`
      <div class="profile-grid">
        ${this.detailsView(user)}
        <div class="stack">${this.securityView(user)}${this.agenciesView(account)}</div>
      </div>`;
  }
}

customElements.define('account-profile', AccountProfile);
