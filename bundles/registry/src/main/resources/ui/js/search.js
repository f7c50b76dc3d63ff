/*
 * Search of the registers (#/search, or #/search/<registerId> for one register's entries): words of the
 * subject, notation, issuer, note or file text, typed with or without diacritics; register, type, issuer,
 * a date range (dd/MM/yyyy: arrival for incoming, issue for outgoing), priority, status; sorted and paged.
 */
import { html, nothing } from 'lit';
import { t, formatDate } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { errorLine, FIRST_PAGE, pagedTable } from '/console/js/views.js';
import {
  API, Screen, KINDS, PRIORITIES, STATUSES, kindLabel, priorityLabel, priorityPill, statusPill, typedDate,
  documentDate, originalText, subjectText,
} from './common.js';

const PAGE_SIZE = 20;
const SORTS = {
  relevance: () => t('registry.search.sortRelevance'),
  newest: () => t('registry.search.sortNewest'),
  oldest: () => t('registry.search.sortOldest'),
  number: () => t('registry.search.sortNumber'),
};

const EMPTY = { q: '', registerId: '', kind: '', type: '', organ: '', from: '', to: '', priority: '', status: '', sort: 'relevance' };

class RegistrySearch extends Screen {
  static properties = {
    registerId: { attribute: false }, // preset by the route
    filters: { state: true },
    answer: { state: true },
    error: { state: true },
    searched: { state: true },
  };

  constructor() {
    super();
    this.registerId = null;
    this.filters = { ...EMPTY };
    this.answer = null;
    this.error = null;
    this.searched = false;
  }

  willUpdate(changed) {
    if (changed.has('registerId')) {
      this.filters = { ...EMPTY, registerId: this.registerId || '' };
      this.answer = null;
      this.load(FIRST_PAGE);
    }
  }

  async load(page = this.answer ? this.answer.page : FIRST_PAGE) {
    const params = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
    for (const [name, value] of Object.entries(this.filters)) {
      if (value !== '' && value !== null && value !== undefined) {
        params.set(name, value);
      }
    }
    try {
      this.answer = await api.get(`${API}/documents?${params}`);
      this.error = null;
    } catch (e) {
      this.answer = null;
      this.error = { text: e.message };
    }
  }

  onSearch(event) {
    event.preventDefault();
    const f = event.target.elements;
    const from = typedDate(f.from.value);
    const to = typedDate(f.to.value);
    if (from === null || to === null) {
      this.error = { key: 'registry.form.dateFormat' };
      (from === null ? f.from : f.to).focus();
      return;
    }
    if (from && to && to < from) {
      this.error = { key: 'registry.search.dateOrder' };
      f.to.focus();
      return;
    }
    this.filters = {
      q: f.q.value.trim(),
      registerId: f.registerId.value,
      kind: f.kind.value,
      type: f.type.value,
      organ: f.organ.value.trim(),
      from: from || '',
      to: to || '',
      priority: f.priority.value,
      status: f.status.value,
      sort: f.sort.value,
    };
    this.searched = true;
    this.answer = null;
    this.load(FIRST_PAGE);
  }

  onReset() {
    this.filters = { ...EMPTY, registerId: this.registerId || '' };
    this.searched = false;
    this.answer = null;
    this.load(FIRST_PAGE);
  }

  select(id, name, labelKey, options) {
    return html`
      <div class="field">
        <label for=${id}>${t(labelKey)}</label>
        <select id=${id} name=${name}>
          ${options.map(([value, text]) => html`<option value=${value}
            ?selected=${String(value) === String(this.filters[name])}>${text}</option>`)}
        </select>
      </div>`;
  }

  formView() {
    const f = this.filters;
    const all = t('registry.search.all');
    const registers = this.ref.registers;
    const types = this.ref.types;
    return html`
      <form id="search-form" role="search" novalidate @submit=${this.onSearch} aria-label=${t('registry.search.formLabel')}>
        <div class="field">
          <label for="search-q">${t('registry.search.text')}</label>
          <input id="search-q" name="q" type="search" maxlength="200" .value=${f.q} aria-describedby="search-q-hint">
          <p id="search-q-hint" class="hint">${t('registry.search.textHint')}</p>
        </div>
        <div class="form-grid">
          ${this.select('search-register', 'registerId', 'registry.field.register',
            [['', all], ...registers.map((r) => [r.id, r.name])])}
          ${this.select('search-kind', 'kind', 'registry.field.kind', [['', all], ...KINDS.map((k) => [k, kindLabel(k)])])}
          ${this.select('search-type', 'type', 'registry.field.type', [['', all], ...types.map((x) => [x.code, x.name])])}
          <div class="field">
            <label for="search-organ">${t('registry.field.organName')}</label>
            <input id="search-organ" name="organ" type="text" maxlength="200" .value=${f.organ}>
          </div>
          <div class="field">
            <label for="search-from">${t('registry.search.from')}</label>
            <input id="search-from" name="from" type="text" inputmode="numeric" maxlength="10"
              placeholder=${t('registry.datePlaceholder')} .value=${f.from ? formatDate(f.from) : ''}
              aria-describedby="search-dates-hint">
          </div>
          <div class="field">
            <label for="search-to">${t('registry.search.to')}</label>
            <input id="search-to" name="to" type="text" inputmode="numeric" maxlength="10"
              placeholder=${t('registry.datePlaceholder')} .value=${f.to ? formatDate(f.to) : ''}
              aria-describedby="search-dates-hint">
          </div>
          ${this.select('search-priority', 'priority', 'registry.field.priority',
            [['', all], ...PRIORITIES.map((p) => [p, priorityLabel(p)])])}
          ${this.select('search-status', 'status', 'registry.field.status',
            [['', all], ...STATUSES.map((s) => [s, s === 'void' ? t('registry.status.void') : t('registry.status.registered')])])}
          ${this.select('search-sort', 'sort', 'registry.search.sort', Object.entries(SORTS).map(([k, label]) => [k, label()]))}
        </div>
        <p id="search-dates-hint" class="hint">${t('registry.search.datesHint')}</p>
        <div class="actions">
          <button id="search-submit" class="primary" type="submit">${t('registry.search.submit')}</button>
          <button id="search-reset" type="button" @click=${this.onReset}>${t('registry.search.reset')}</button>
        </div>
      </form>`;
  }

  row(d) {
    const register = this.registerById(d.registerId);
    return html`
      <tr data-document=${d.id}>
        <td><a id="doc-link-${d.id}" href="#/documents/${d.id}">${d.number}</a>
          <span class="detail">${d.period}</span></td>
        <td>${d.kind === 'outgoing' ? d.notation : originalText(d)}
          ${register ? html`<span class="detail">${register.name}</span>` : nothing}</td>
        <td>${documentDate(d)}</td>
        <th scope="row"><a href="#/documents/${d.id}">${subjectText(d)}</a>
          <span class="detail">${d.typeName || d.typeCode}</span></th>
        <td>${d.organName || ''}</td>
        <td>${priorityPill(d.priority)}</td>
        <td>${statusPill(d.status)}</td>
      </tr>`;
  }

  render() {
    const register = this.registerId ? this.registerById(this.registerId) : null;
    const a = this.answer;
    return html`
      <section class="card" aria-labelledby="search-title">
        <h2 id="search-title">${register ? t('registry.search.titleRegister', { name: register.name })
          : t('registry.search.title')}</h2>
        ${this.formView()}
      </section>
      <section class="card" aria-labelledby="search-results-title">
        <h2 id="search-results-title">${t('registry.search.results')}</h2>
        ${a ? html`<p id="search-total" class="meta" role="status">${t('registry.search.total', { total: a.total })}</p>`
          : nothing}
        ${errorLine(this.error, 'search-error')}
        ${pagedTable(this, {
          name: 'search',
          caption: 'registry.search.caption',
          empty: this.searched ? t('registry.search.noMatch') : t('registry.search.none'),
          columns: ['registry.search.number', 'registry.search.notation', 'registry.search.date', 'registry.search.subject',
            'registry.field.organName', 'registry.field.priority', 'registry.field.status'],
          row: (d) => this.row(d),
        })}
      </section>`;
  }
}

customElements.define('registry-search', RegistrySearch);
