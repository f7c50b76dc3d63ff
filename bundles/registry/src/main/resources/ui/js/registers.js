/*
 * The agency's registers (so van ban den / di): their numbering scope, a link to their entries (the
 * search screen filtered by register), the printed book of the current year or term (PDF, XLSX),
 * registration for clerks, and a form to open a new register.
 */
import { html, nothing } from 'lit';
import { t, today } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { pill, errorLine } from '/console/js/views.js';
import {
  API, Screen, kindLabel, scopeLabel, inputField, selectField, KINDS,
} from './common.js';

/** The period a register numbers in today: the year in Asia/Ho_Chi_Minh, or the current committee term. */
export function currentPeriod(register, terms) {
  const year = today().slice(-4);
  if (register.scope !== 'type-term') {
    return year;
  }
  const now = `${year}-${today().slice(3, 5)}-${today().slice(0, 2)}`;
  const term = (terms || []).filter((x) => x.agencyId === register.agencyId && x.startsOn <= now
    && (!x.endsOn || x.endsOn >= now)).pop();
  return term ? term.name : null;
}

function bookUrl(register, period, format) {
  return `${API}/registers/${register.id}/book?${new URLSearchParams({ period, format })}`;
}

class RegistryRegisters extends Screen {
  static properties = {
    creating: { state: true },
    busy: { state: true },
    error: { state: true },
    invalid: { state: true },
    notice: { state: true },
    newKind: { state: true },
  };

  constructor() {
    super();
    this.creating = false;
    this.busy = false;
    this.error = null;
    this.invalid = null;
    this.notice = null;
    this.newKind = 'incoming';
  }

  row(r) {
    const period = currentPeriod(r, this.ref.terms);
    return html`
      <tr data-register=${r.id}>
        <th scope="row">${r.name}
          ${r.notationTemplate && r.kind === 'outgoing'
            ? html`<span class="code">${t('registry.registers.template', { template: r.notationTemplate })}</span>` : nothing}</th>
        <td>${kindLabel(r.kind)}</td>
        <td>${scopeLabel(r.scope)}</td>
        <td>${r.active ? pill(t('registry.registers.open'), 'ok', { status: 'active' })
          : pill(t('registry.registers.closed'), 'neutral', { status: 'closed' })}</td>
        <td>${period
          ? html`<span class="detail">${t('registry.registers.bookOf', { period })}</span>
            <a id="register-book-pdf-${r.id}" class="button small" href=${bookUrl(r, period, 'pdf')}
              download>${t('registry.registers.bookPdf')}</a>
            <a id="register-book-xlsx-${r.id}" class="button small" href=${bookUrl(r, period, 'xlsx')}
              download>${t('registry.registers.bookXlsx')}</a>`
          : html`<span class="muted">${t('registry.registers.noTerm')}</span>`}</td>
        <td class="row-actions">
          <a id="register-entries-${r.id}" class="button small" href="#/search/${r.id}">${t('registry.registers.entries')}</a>
          ${this.can.register && r.active ? html`<a id="register-new-${r.id}" class="button small primary-link"
            href="#/registers/${r.id}/new">${t('registry.registers.registerDocument')}</a>` : nothing}
        </td>
      </tr>`;
  }

  async onCreate(event) {
    event.preventDefault();
    const f = event.target.elements;
    const body = {
      agencyId: this.page.account && this.page.account.agencyId,
      kind: f.kind.value,
      name: f.name.value.trim(),
      scope: f.kind.value === 'incoming' ? 'year' : f.scope.value,
      notationTemplate: f.kind.value === 'outgoing' ? (f.notationTemplate.value.trim() || null) : null,
    };
    if (!body.name) {
      this.invalid = 'name';
      this.error = { key: 'registry.registers.nameRequired' };
      f.name.focus();
      return;
    }
    this.busy = true;
    this.error = null;
    this.invalid = null;
    try {
      const created = await api.post(`${API}/registers`, body);
      this.creating = false;
      this.notice = { key: 'registry.registers.created', params: { name: created.name } };
      await this.page.loadReference();
    } catch (e) {
      this.error = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  createForm() {
    const outgoing = this.newKind === 'outgoing';
    return html`
      <form id="new-register-form" class="card" novalidate @submit=${this.onCreate} aria-labelledby="new-register-title">
        <h2 id="new-register-title">${t('registry.registers.newTitle')}</h2>
        <p class="intro">${t('registry.registers.newIntro')}</p>
        <div class="form-grid">
          ${selectField({ id: 'new-register-kind', name: 'kind', label: t('registry.registers.kind'), value: this.newKind,
            onChange: (e) => { this.newKind = e.target.value; } }, KINDS.map((k) => [k, kindLabel(k)]))}
          ${inputField({ id: 'new-register-name', name: 'name', label: t('registry.registers.name'), required: true,
            maxlength: 200 }, this.invalid)}
          ${outgoing ? selectField({ id: 'new-register-scope', name: 'scope', label: t('registry.registers.scope'),
            value: 'type-term' }, [['type-term', scopeLabel('type-term')], ['year', scopeLabel('year')]]) : nothing}
          ${outgoing ? inputField({ id: 'new-register-template', name: 'notationTemplate', maxlength: 60,
            label: t('registry.registers.templateLabel'), hint: t('registry.registers.templateHint') }) : nothing}
        </div>
        ${outgoing ? nothing : html`<p class="hint">${t('registry.registers.incomingYearly')}</p>`}
        ${errorLine(this.error, 'new-register-error')}
        <div class="actions">
          <button id="new-register-submit" class="primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? t('registry.saving') : t('registry.registers.create')}</button>
          <button id="new-register-cancel" type="button" @click=${() => { this.creating = false; this.error = null; }}>
            ${t('password.cancel')}</button>
        </div>
      </form>`;
  }

  render() {
    const ref = this.ref;
    const registers = ref.registers;
    let body;
    if (!this.reference) {
      body = html`<p class="muted" role="status">${t('common.loading')}</p>`;
    } else if (registers.length === 0) {
      body = html`<p id="registers-empty" class="muted">${t('registry.registers.none')}</p>`;
    } else {
      body = html`
        <table id="registers-table" class="data">
          <caption class="visually-hidden">${t('registry.registers.caption')}</caption>
          <thead><tr>
            <th scope="col">${t('registry.registers.name')}</th>
            <th scope="col">${t('registry.registers.kind')}</th>
            <th scope="col">${t('registry.registers.scope')}</th>
            <th scope="col">${t('registry.registers.state')}</th>
            <th scope="col">${t('registry.registers.book')}</th>
            <th scope="col">${t('registry.actions')}</th>
          </tr></thead>
          <tbody>${registers.map((r) => this.row(r))}</tbody>
        </table>`;
    }
    return html`
      <section class="card" aria-labelledby="registers-title">
        <div class="section-head">
          <h2 id="registers-title">${t('registry.registers.title')}</h2>
          ${this.can.openRegisters && !this.creating ? html`<button id="new-register" type="button"
            @click=${() => { this.creating = true; this.notice = null; }}>${t('registry.registers.new')}</button>` : nothing}
        </div>
        <p class="intro">${t('registry.registers.intro')}</p>
        ${this.notice ? html`<p id="registers-notice" class="notice" role="status">
          ${t(this.notice.key, this.notice.params)}</p>` : nothing}
        ${errorLine(ref.error, 'registers-error')}
        ${body}
      </section>
      ${this.creating ? this.createForm() : nothing}`;
  }
}

customElements.define('registry-registers', RegistryRegisters);
