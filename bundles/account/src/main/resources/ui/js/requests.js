/*
 * Account requests: agency administrators propose, the agency's leader approves or rejects. The
 * one-time password of an approved new account goes to the proposer (never the decider), shown once
 * to be handed to the person.
 */
import { html, nothing } from 'lit';
import { t, formatDate, formatDateTime, parseDate, dayStart, dayEnd } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { pill, errorLine, FIRST_PAGE, noteDialog, openDialogs, pagedTable } from '/console/js/views.js';
import { roleLabel } from '/console/js/status.js';
import { API, Screen, agencyName } from './common.js';

const PAGE_SIZE = 20;
/** Roles an agency administrator may propose (system administrators are made by system administrators). */
const PROPOSABLE = ['clerk', 'specialist', 'leader', 'agency-admin'];
const STATUSES = ['pending', 'approved', 'rejected'];
const USERNAME = /^[a-z0-9._-]{3,50}$/;

function statusPill(status) {
  switch (status) {
    case 'pending': return pill(t('account.requests.pending'), 'warn', { status });
    case 'approved': return pill(t('account.requests.approved'), 'ok', { status });
    case 'rejected': return pill(t('account.requests.rejected'), 'bad', { status });
    default: return pill(String(status), 'neutral', { status });
  }
}

function kindLabel(kind) {
  if (kind === 'create-account') {
    return t('account.requests.kindCreate');
  }
  return kind === 'change-roles' ? t('account.requests.kindRoles') : String(kind);
}

function validity(r) {
  const from = r.validFrom ? formatDate(r.validFrom) : t('account.requests.fromApproval');
  return r.validTo ? t('account.requests.fromTo', { from, to: formatDate(r.validTo) })
    : t('account.requests.fromOnwards', { from });
}

class AccountRequests extends Screen {
  static properties = {
    status: { state: true },
    answer: { state: true },
    error: { state: true },
    deciding: { state: true }, // {request, approve: boolean}
    busy: { state: true },
    decisionError: { state: true },
    issued: { state: true }, // {user, oneTimePassword} until the dialog is closed
    notice: { state: true },
  };

  constructor() {
    super();
    this.status = 'pending';
    this.answer = null;
    this.error = null;
    this.deciding = null;
    this.busy = false;
    this.decisionError = null;
    this.issued = null;
    this.notice = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load(FIRST_PAGE);
  }

  updated() {
    openDialogs(this);
  }

  async load(page = this.answer ? this.answer.page : FIRST_PAGE) {
    const params = new URLSearchParams({ status: this.status, page: String(page), size: String(PAGE_SIZE) });
    try {
      this.answer = await api.get(`${API}/requests?${params}`);
      this.error = null;
    } catch (e) {
      this.answer = null;
      this.error = { text: e.message };
    }
  }

  onStatus(event) {
    this.status = event.target.value;
    this.answer = null;
    this.load(FIRST_PAGE);
  }

  async onDecide(note) {
    const { request, approve } = this.deciding;
    if (!approve && !note) {
      this.decisionError = { key: 'account.requests.reasonRequired' };
      return;
    }
    this.busy = true;
    this.decisionError = null;
    try {
      const body = note ? { note } : {};
      if (approve) {
        await api.post(`${API}/requests/${request.id}/approve`, body);
        this.notice = { key: 'account.requests.approvedNotice' };
      } else {
        await api.post(`${API}/requests/${request.id}/reject`, body);
        this.notice = { key: 'account.requests.rejectedNotice' };
      }
      this.deciding = null;
      await this.load();
    } catch (e) {
      this.decisionError = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  /** The proposer receives an approved account's one-time password, once. */
  async onIssue(request) {
    this.busy = true;
    this.error = null;
    try {
      const decision = await api.post(`${API}/requests/${request.id}/one-time-password`, {});
      this.issued = { user: decision.user || request.user || {}, oneTimePassword: decision.oneTimePassword };
      await this.load();
    } catch (e) {
      this.error = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  /** Whether the caller proposed this approved new account and has not received its password yet. */
  mayIssue(r) {
    return this.can.propose && r.status === 'approved' && r.kind === 'create-account' && !r.oneTimePasswordIssuedAt
      && r.requestedBy === (this.account && this.account.user && this.account.user.username);
  }

  /** Forgets the one-time password as soon as the dialog closes. */
  closeIssued() {
    this.issued = null;
    this.updateComplete.then(() => this.querySelector('#requests-notice')?.focus());
  }

  person(r) {
    const u = r.user || {};
    return html`${u.fullName || t('common.none')}${u.username ? html`<span class="code">${u.username}</span>` : nothing}
      ${u.position ? html`<span class="detail">${u.position}</span>` : nothing}`;
  }

  row(r) {
    const me = this.account && this.account.user;
    const canDecide = this.can.decide && r.status === 'pending'
      && r.agencyId === (this.account && this.account.agencyId)
      && r.requestedBy !== (me && me.username) && !(me && r.userId === me.id);
    const otpState = r.status === 'approved' && r.kind === 'create-account'
      ? (r.oneTimePasswordIssuedAt ? t('account.requests.otpIssued', { time: formatDateTime(r.oneTimePasswordIssuedAt) })
        : t('account.requests.otpWaiting')) : null;
    return html`
      <tr data-request=${r.id}>
        <th scope="row">${this.person(r)}</th>
        <td>${kindLabel(r.kind)}<span class="detail">${agencyName(this.directory, this.account, r.agencyId)}</span></td>
        <td>${(r.roles || []).map(roleLabel).join(', ')}<span class="detail">${validity(r)}</span></td>
        <td>${r.requestedBy}<span class="detail">${formatDateTime(r.requestedAt)}</span>
          ${r.note ? html`<span class="detail">${r.note}</span>` : nothing}</td>
        <td>${statusPill(r.status)}
          ${r.decidedBy ? html`<span class="detail">${t('account.requests.decidedBy', {
            name: r.decidedBy, time: formatDateTime(r.decidedAt) })}</span>` : nothing}
          ${r.decisionNote ? html`<span class="detail">${r.decisionNote}</span>` : nothing}
          ${otpState ? html`<span class="detail">${otpState}</span>` : nothing}</td>
        ${this.actions() ? html`<td class="row-actions">${this.mayIssue(r) ? html`
          <button id="request-otp-${r.id}" type="button" class="small primary" ?disabled=${this.busy}
            @click=${() => this.onIssue(r)}>${t('account.requests.issueOtp')}</button>` : nothing}${canDecide ? html`
          <button id="request-approve-${r.id}" type="button" class="small primary" ?disabled=${this.busy}
            @click=${() => { this.decisionError = null; this.deciding = { request: r, approve: true }; }}>
            ${t('account.requests.approve')}</button>
          <button id="request-reject-${r.id}" type="button" class="small" ?disabled=${this.busy}
            @click=${() => { this.decisionError = null; this.deciding = { request: r, approve: false }; }}>
            ${t('account.requests.reject')}</button>` : nothing}</td>` : nothing}
      </tr>`;
  }

  /** Deciders and proposers have a column of actions. */
  actions() {
    return this.can.decide || this.can.propose;
  }

  tableView() {
    return pagedTable(this, {
      name: 'requests', caption: 'account.requests.caption', empty: t('account.requests.none'), actions: this.actions(),
      columns: ['account.requests.person', 'account.requests.kind', 'account.requests.roles', 'account.requests.requestedBy',
        'account.requests.status'],
      row: (r) => this.row(r),
    });
  }

  issuedDialog() {
    if (!this.issued) {
      return nothing;
    }
    const u = this.issued.user;
    return html`
      <dialog id="one-time-password" class="dialog" aria-labelledby="one-time-password-title"
        aria-describedby="one-time-password-intro" @close=${() => this.closeIssued()}>
        <h2 id="one-time-password-title">${t('account.otp.title')}</h2>
        <p id="one-time-password-intro">${t('account.otp.intro', { name: u.fullName || '', username: u.username || '' })}</p>
        <p class="secret-box"><code id="one-time-password-value" class="secret">${this.issued.oneTimePassword}</code></p>
        <p class="hint">${t('account.otp.once')}</p>
        <div class="actions">
          <button id="one-time-password-close" class="primary" type="button"
            @click=${(e) => e.target.closest('dialog').close()}>${t('account.otp.close')}</button>
        </div>
      </dialog>`;
  }

  render() {
    const d = this.deciding;
    const summary = d ? t('account.requests.decisionSummary', {
      name: (d.request.user && d.request.user.fullName) || d.request.userId || '',
      roles: (d.request.roles || []).map(roleLabel).join(', '),
      agency: agencyName(this.directory, this.account, d.request.agencyId),
    }) : '';
    return html`
      <section class="card" aria-labelledby="requests-title">
        <div class="section-head">
          <h2 id="requests-title">${t('account.requests.title')}</h2>
          ${this.can.propose ? html`<a id="request-new" class="button primary-link" href="#/requests/new">
            ${t('account.requests.new')}</a>` : nothing}
        </div>
        <div class="toolbar">
          <label for="requests-status">${t('account.requests.status')}</label>
          <select id="requests-status" @change=${this.onStatus}>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${
              s === 'pending' ? t('account.requests.pending')
                : s === 'approved' ? t('account.requests.approved') : t('account.requests.rejected')}</option>`)}
          </select>
        </div>
        ${this.notice ? html`<p id="requests-notice" class="notice" role="status" tabindex="-1">${t(this.notice.key)}</p>`
          : nothing}
        ${errorLine(this.error, 'requests-error')}
        ${this.tableView()}
      </section>
      ${noteDialog(d, {
        id: 'decision',
        title: d && d.approve ? t('account.requests.approveTitle') : t('account.requests.rejectTitle'),
        summary,
        label: d && d.approve ? t('account.requests.note') : t('account.requests.reason'),
        required: Boolean(d && !d.approve),
        submitLabel: d && d.approve ? t('account.requests.approve') : t('account.requests.reject'),
        busy: this.busy,
        error: this.decisionError,
        onSubmit: (note) => this.onDecide(note),
        onCancel: () => { this.deciding = null; this.decisionError = null; },
      })}
      ${this.issuedDialog()}`;
  }
}

/** The proposal form of an agency administrator (or a system administrator, for any agency). */
class AccountRequestForm extends Screen {
  static properties = {
    busy: { state: true },
    error: { state: true },
  };

  constructor() {
    super();
    this.busy = false;
    this.error = null;
  }

  /** Agencies the caller may propose for: the acting one, or every active one for a system administrator. */
  agencies() {
    if (this.can.systemAdmin && this.directory && !this.directory.error) {
      return this.directory.list.filter((a) => !a.activeTo);
    }
    return [];
  }

  fail(message, field) {
    this.error = message;
    field?.focus();
  }

  async onSubmit(event) {
    event.preventDefault();
    const f = event.target.elements;
    const user = {
      username: f.username.value.trim(),
      fullName: f.fullName.value.trim(),
      email: f.email.value.trim(),
      phone: f.phone.value.trim(),
      position: f.position.value.trim(),
    };
    const roles = PROPOSABLE.filter((r) => f[`role-${r}`].checked);
    const agencyId = f.agencyId ? f.agencyId.value : this.account.agencyId;
    const from = f.validFrom.value.trim();
    const to = f.validTo.value.trim();
    const fromDate = from ? parseDate(from) : null;
    const toDate = to ? parseDate(to) : null;
    if (!agencyId) {
      return this.fail({ key: 'account.requests.agencyRequired' }, f.agencyId);
    }
    if (!USERNAME.test(user.username)) {
      return this.fail({ key: 'account.requests.usernameRule' }, f.username);
    }
    if (!user.fullName) {
      return this.fail({ key: 'account.profile.fullNameRequired' }, f.fullName);
    }
    if (roles.length === 0) {
      return this.fail({ key: 'account.requests.rolesRequired' }, f['role-clerk']);
    }
    if ((from && !fromDate) || (to && !toDate)) {
      return this.fail({ key: 'account.requests.dateFormat' }, from && !fromDate ? f.validFrom : f.validTo);
    }
    if (fromDate && toDate && toDate < fromDate) {
      return this.fail({ key: 'account.requests.dateOrder' }, f.validTo);
    }
    const body = {
      kind: 'create-account',
      agencyId,
      user,
      roles,
      validFrom: fromDate ? dayStart(fromDate) : null,
      validTo: toDate ? dayEnd(toDate) : null,
      note: f.note.value.trim() || null,
    };
    this.busy = true;
    this.error = null;
    try {
      await api.post(`${API}/requests`, body);
      window.location.hash = '#/requests';
    } catch (e) {
      this.error = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.can.propose) {
      return html`<p class="error" role="alert">${t('account.requests.notAllowed')}</p>`;
    }
    const choices = this.agencies();
    const field = (id, name, label, type, autocomplete, extra) => html`
      <div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} maxlength="200"
          aria-describedby=${extra ? `${id}-hint` : nothing}>
        ${extra ? html`<p id="${id}-hint" class="hint">${extra}</p>` : nothing}
      </div>`;
    return html`
      <p class="breadcrumb"><a href="#/requests">${t('account.tab.requests')}</a></p>
      <form id="request-form" class="card" novalidate @submit=${this.onSubmit} aria-labelledby="request-form-title">
        <h2 id="request-form-title">${t('account.requests.newTitle')}</h2>
        <p class="intro">${t('account.requests.newIntro')}</p>
        ${choices.length ? html`
          <div class="field">
            <label for="req-agency">${t('account.requests.agency')}</label>
            <select id="req-agency" name="agencyId">
              ${choices.map((a) => html`<option value=${a.id} ?selected=${a.id === this.account.agencyId}>${a.name}</option>`)}
            </select>
          </div>` : html`
          <dl class="facts"><dt>${t('account.requests.agency')}</dt>
            <dd id="req-agency-name">${agencyName(this.directory, this.account, this.account.agencyId)}</dd></dl>`}
        <fieldset>
          <legend>${t('account.requests.person')}</legend>
          <div class="form-grid">
            ${field('req-username', 'username', t('account.user.username'), 'text', 'off', t('account.requests.usernameHint'))}
            ${field('req-fullname', 'fullName', t('account.user.fullName'), 'text', 'off')}
            ${field('req-position', 'position', t('account.user.position'), 'text', 'off')}
            ${field('req-email', 'email', t('account.user.email'), 'email', 'off')}
            ${field('req-phone', 'phone', t('account.user.phone'), 'tel', 'off')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('account.requests.roles')}</legend>
          <div class="checks">
            ${PROPOSABLE.map((r) => html`<label class="check"><input id="req-role-${r}" name="role-${r}" type="checkbox">
              ${roleLabel(r)}</label>`)}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('account.requests.validity')}</legend>
          <div class="form-grid">
            ${field('req-valid-from', 'validFrom', t('account.requests.validFrom'), 'text', 'off', t('account.requests.dateHintFrom'))}
            ${field('req-valid-to', 'validTo', t('account.requests.validTo'), 'text', 'off', t('account.requests.dateHintTo'))}
          </div>
        </fieldset>
        <div class="field">
          <label for="req-note">${t('account.requests.note')} <span class="muted">${t('account.optional')}</span></label>
          <textarea id="req-note" name="note" rows="3" maxlength="1000"></textarea>
        </div>
        ${errorLine(this.error, 'req-error')}
        <div class="actions">
          <button id="req-submit" class="primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? t('account.saving') : t('account.requests.submit')}</button>
          <a class="button" href="#/requests">${t('password.cancel')}</a>
        </div>
      </form>`;
  }
}

customElements.define('account-requests', AccountRequests);
customElements.define('account-request-form', AccountRequestForm);
