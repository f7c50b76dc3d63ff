/* Access-right alerts: every change of rights is shown to leaders and system administrators until acknowledged. */
import { html, nothing } from 'lit';
import { t, formatDateTime } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { errorLine, FIRST_PAGE, pagedTable } from '/console/js/views.js';
import { API, Screen, agencyName } from './common.js';

const PAGE_SIZE = 20;

/** Labels of the alert kinds the module raises; an unknown kind shows its summary only. */
const KINDS = {
  'role-granted': () => t('account.alerts.kind.role-granted'),
  'role-revoked': () => t('account.alerts.kind.role-revoked'),
  'user-locked': () => t('account.alerts.kind.user-locked'),
  'user-unlocked': () => t('account.alerts.kind.user-unlocked'),
  'password-reset': () => t('account.alerts.kind.password-reset'),
};

class AccountAlerts extends Screen {
  static properties = {
    openOnly: { state: true },
    answer: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.openOnly = true;
    this.answer = null;
    this.error = null;
    this.busy = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load(FIRST_PAGE);
  }

  async load(page = this.answer ? this.answer.page : FIRST_PAGE) {
    const params = new URLSearchParams({ open: String(this.openOnly), page: String(page), size: String(PAGE_SIZE) });
    try {
      this.answer = await api.get(`${API}/alerts?${params}`);
      this.error = null;
    } catch (e) {
      this.answer = null;
      this.error = { text: e.message };
    }
  }

  async onAcknowledge(alert) {
    this.busy = true;
    try {
      await api.post(`${API}/alerts/${alert.id}/acknowledge`, {});
      await this.load();
    } catch (e) {
      this.error = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  row(a) {
    return html`
      <tr data-alert=${a.id}>
        <td>${formatDateTime(a.createdAt)}</td>
        <th scope="row">${KINDS[a.kind] ? html`<span class="detail">${KINDS[a.kind]()}</span>` : nothing}${a.summary}</th>
        <td>${a.agencyId ? agencyName(this.directory, this.account, a.agencyId) : t('account.alerts.allAgencies')}</td>
        <td>${a.actor}</td>
        <td>${a.acknowledgedAt
          ? html`<span class="detail">${t('account.alerts.acknowledgedBy', {
            name: a.acknowledgedBy, time: formatDateTime(a.acknowledgedAt) })}</span>`
          : html`<button id="alert-ack-${a.id}" type="button" class="small" ?disabled=${this.busy}
              @click=${() => this.onAcknowledge(a)}>${t('account.alerts.acknowledge')}</button>`}</td>
      </tr>`;
  }

  render() {
    const body = pagedTable(this, {
      name: 'alerts', caption: 'account.alerts.caption', actions: true,
      empty: this.openOnly ? t('account.alerts.noneOpen') : t('account.alerts.none'),
      columns: ['account.alerts.time', 'account.alerts.summary', 'account.requests.agency', 'account.alerts.actor'],
      row: (x) => this.row(x),
    });
    return html`
      <section class="card" aria-labelledby="alerts-title">
        <div class="section-head">
          <h2 id="alerts-title">${t('account.alerts.title')}</h2>
          <label class="check"><input id="alerts-open-only" type="checkbox" .checked=${this.openOnly}
            @change=${(e) => { this.openOnly = e.target.checked; this.answer = null; this.load(FIRST_PAGE); }}>
            ${t('account.alerts.openOnly')}</label>
        </div>
        <p class="intro">${t('account.alerts.intro')}</p>
        ${errorLine(this.error, 'alerts-error')}
        ${body}
      </section>`;
  }
}

customElements.define('account-alerts', AccountAlerts);
