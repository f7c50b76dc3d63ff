/* The agency tree (ended agencies greyed, with their successors) and the users of one agency. */
import { html, nothing } from 'lit';
import { t, formatDate } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { pill, errorLine, FIRST_PAGE, noteDialog, openDialogs, pagedTable } from '/console/js/views.js';
import { API, Screen, agencyName } from './common.js';

const PAGE_SIZE = 20;

/** Children by parent id, in the server's (tree) order; roots are those whose parent is unknown. */
function childrenOf(list) {
  const ids = new Set(list.map((a) => a.id));
  const children = new Map();
  for (const a of list) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    if (!children.has(parent)) {
      children.set(parent, []);
    }
    children.get(parent).push(a);
  }
  return children;
}

class AccountAgencies extends Screen {
  static properties = {
    showEnded: { state: true },
  };

  constructor() {
    super();
    this.showEnded = true;
  }

  links(ids) {
    return (ids || []).map((id, i) => html`${i ? ', ' : ''}<a href="#/agencies/${id}"
      @click=${(e) => this.jump(e, id)}>${agencyName(this.directory, this.account, id)}</a>`);
  }

  /** Successor and predecessor links move the focus to that agency in the tree. */
  jump(event, id) {
    const target = this.querySelector(`[data-agency="${id}"] .tree-name`);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  node(agency, children) {
    const ended = Boolean(agency.activeTo);
    if (ended && !this.showEnded) {
      return nothing;
    }
    const level = this.directory.levels.get(agency.level);
    const kids = children.get(agency.id) || [];
    const name = this.can.seeUsersOf(agency.id)
      ? html`<a class="tree-name" href="#/agencies/${agency.id}">${agency.name}</a>`
      : html`<span class="tree-name" tabindex="-1">${agency.name}</span>`;
    return html`
      <li data-agency=${agency.id} class=${ended ? 'ended' : ''}>
        <div class="tree-row">
          ${name}
          <span class="tree-meta">${[...new Set([agency.shortName, agency.code].filter(Boolean))].join(' \u00b7 ')}</span>
          ${level ? html`<span class="badge tone-neutral">${level.name}</span>` : nothing}
          ${ended ? html`<span class="badge tone-neutral" data-status="ended">
            ${t('account.agency.endedOn', { date: formatDate(agency.activeTo) })}</span>` : nothing}
        </div>
        ${ended && (agency.successors || []).length ? html`<p class="tree-note">
          ${t('account.agency.successors')}: ${this.links(agency.successors)}</p>` : nothing}
        ${(agency.predecessors || []).length ? html`<p class="tree-note">
          ${t('account.agency.predecessors')}: ${this.links(agency.predecessors)}</p>` : nothing}
        ${kids.length ? html`<ul>${kids.map((k) => this.node(k, children))}</ul>` : nothing}
      </li>`;
  }

  render() {
    const dir = this.directory;
    let body;
    if (!dir) {
      body = html`<p class="muted" role="status">${t('common.loading')}</p>`;
    } else if (dir.error) {
      body = errorLine(dir.error, 'agencies-error');
    } else if (dir.list.length === 0) {
      body = html`<p class="muted">${t('account.agency.noneYet')}</p>`;
    } else {
      const children = childrenOf(dir.list);
      body = html`<ul id="agency-tree" class="tree">${(children.get(null) || []).map((a) => this.node(a, children))}</ul>`;
    }
    return html`
      <section class="card" aria-labelledby="agencies-title">
        <div class="section-head">
          <h2 id="agencies-title">${t('account.agency.tree')}</h2>
          <label class="check"><input id="agencies-show-ended" type="checkbox" .checked=${this.showEnded}
            @change=${(e) => { this.showEnded = e.target.checked; }}> ${t('account.agency.showEnded')}</label>
        </div>
        ${body}
      </section>`;
  }
}

class AccountUsers extends Screen {
  static properties = {
    agencyId: { attribute: false },
    answer: { state: true },
    query: { state: true },
    error: { state: true },
    locking: { state: true }, // the user whose lock reason is asked
    busy: { state: true },
    actionError: { state: true },
  };

  constructor() {
    super();
    this.answer = null;
    this.query = '';
    this.error = null;
    this.locking = null;
    this.busy = false;
    this.actionError = null;
  }

  willUpdate(changed) {
    if (changed.has('agencyId')) {
      this.query = '';
      this.load(FIRST_PAGE);
    }
  }

  updated() {
    openDialogs(this);
  }

  async load(page = this.answer ? this.answer.page : FIRST_PAGE) {
    const params = new URLSearchParams({ q: this.query, page: String(page), size: String(PAGE_SIZE) });
    try {
      this.answer = await api.get(`${API}/agencies/${encodeURIComponent(this.agencyId)}/users?${params}`);
      this.error = null;
    } catch (e) {
      this.answer = null;
      this.error = { text: e.message };
    }
  }

  onSearch(event) {
    event.preventDefault();
    this.query = event.target.elements.q.value.trim();
    this.load(FIRST_PAGE);
  }

  async act(call) {
    this.busy = true;
    this.actionError = null;
    try {
      await call();
      this.locking = null;
      await this.load();
    } catch (e) {
      this.actionError = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  onLock(reason) {
    if (!reason) {
      this.actionError = { key: 'account.users.reasonRequired' };
      return;
    }
    const user = this.locking;
    this.act(() => api.post(`${API}/users/${user.id}/lock`, { reason }));
  }

  onUnlock(user) {
    this.act(() => api.post(`${API}/users/${user.id}/unlock`, {}));
  }

  stateView(u) {
    if (!u.active) {
      return pill(t('account.users.inactive'), 'neutral', { status: 'inactive' });
    }
    if (u.locked) {
      return pill(t('account.users.locked'), 'bad', { status: 'locked' });
    }
    return pill(t('account.users.active'), 'ok', { status: 'active' });
  }

  row(u) {
    const canLock = this.can.lockUsers && u.active;
    return html`
      <tr data-user=${u.id}>
        <th scope="row">${u.fullName}<span class="code">${u.username}</span></th>
        <td>${u.position || t('common.none')}</td>
        <td>${u.email || ''}${u.email && u.phone ? html`<br>` : nothing}${u.phone || ''}</td>
        <td>${this.stateView(u)}
          ${u.mustChangePassword ? html`<span class="detail">${t('account.users.firstLoginPending')}</span>` : nothing}</td>
        <td>${u.totpEnabled ? t('account.totp.on') : t('account.totp.off')}</td>
        ${this.can.lockUsers ? html`<td>${!canLock ? nothing : u.locked
          ? html`<button id="user-unlock-${u.id}" type="button" class="small" ?disabled=${this.busy}
              @click=${() => this.onUnlock(u)}>${t('account.users.unlock')}</button>`
          : html`<button id="user-lock-${u.id}" type="button" class="small" ?disabled=${this.busy}
              @click=${() => { this.actionError = null; this.locking = u; }}>${t('account.users.lock')}</button>`}</td>`
          : nothing}
      </tr>`;
  }

  tableView() {
    return pagedTable(this, {
      name: 'users', caption: 'account.users.caption', actions: this.can.lockUsers,
      empty: this.query ? t('account.users.noMatch') : t('account.users.none'),
      columns: ['account.user.fullName', 'account.user.position', 'account.users.contact', 'account.users.state',
        'account.user.totp'],
      row: (u) => this.row(u),
    });
  }

  render() {
    const name = agencyName(this.directory, this.account, this.agencyId);
    return html`
      <p class="breadcrumb"><a href="#/agencies">${t('account.tab.agencies')}</a></p>
      <section class="card" aria-labelledby="users-title">
        <h2 id="users-title">${t('account.users.title', { agency: name })}</h2>
        <form class="toolbar" role="search" @submit=${this.onSearch}>
          <label for="users-q" class="visually-hidden">${t('account.users.search')}</label>
          <input id="users-q" name="q" type="search" .value=${this.query}
            placeholder=${t('account.users.searchHint')}>
          <button id="users-search" type="submit">${t('account.users.search')}</button>
        </form>
        ${errorLine(this.error, 'users-error')}
        ${this.locking ? nothing : errorLine(this.actionError, 'users-action-error')}
        ${this.tableView()}
      </section>
      ${noteDialog(this.locking, {
        id: 'lock',
        title: t('account.users.lockTitle'),
        summary: this.locking ? t('account.users.lockSummary', {
          name: this.locking.fullName, username: this.locking.username }) : '',
        label: t('account.users.lockReason'),
        required: true,
        submitLabel: t('account.users.lock'),
        busy: this.busy,
        error: this.actionError,
        onSubmit: (note) => this.onLock(note),
        onCancel: () => { this.locking = null; this.actionError = null; },
      })}`;
  }
}

customElements.define('account-agencies', AccountAgencies);
customElements.define('account-users', AccountUsers);
