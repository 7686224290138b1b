// The Vanishwatch dashboard: reads the analyzer's /api with the bearer token the person types in, and shows it.
// Every value from the API is put into the page as text (textContent / text nodes), never as HTML: subjects and
// senders are written by whoever sends the mail.
'use strict';

(function () {
  const TOKEN_KEY = 'vanishwatch.analyzer.api.token';
  const HOUR_MS = 3600 * 1000;

  const byId = (id) => document.getElementById(id);

  /** An element with a class and children; strings become text nodes. */
  function el(tag, className, ...children) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return element;
  }

  function clear(element) {
    element.replaceChildren();
  }

  /** Thrown when the analyzer refuses the token (401): the token is forgotten and asked for again. */
  class Refused extends Error {
  }

  async function api(path) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      throw new Refused('Enter the token.');
    }
    const response = await fetch(new URL(path, document.baseURI), {
      headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      throw new Refused('The analyzer refused this token (401).');
    }
    if (!response.ok) {
      let message = 'The analyzer answered ' + response.status;
      try {
        const body = await response.json();
        if (body && body.error) {
          message += ': ' + body.error;
        }
      } catch (ignored) {
        // no JSON body: the status says enough
      }
      if (response.status === 503) {
        message += ' — its state is being restored; refresh in a few seconds.';
      }
      throw new Error(message);
    }
    return response.json();
  }

  // ---- formatting ----

  const pad = (n) => String(n).padStart(2, '0');

  /** An instant as "2026-03-02 09:00:31" in the browser's time zone (the cell's title holds the exact UTC). */
  function time(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    if (isNaN(d)) {
      return iso;
    }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
        + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function timeCell(iso) {
    const cell = el('td', 'time', time(iso));
    cell.title = iso || '';
    return cell;
  }

  /** "PT1M30S" as "1 min 30 s". */
  function duration(iso) {
    const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
    if (!match) {
      return iso || '';
    }
    const parts = [];
    if (match[1]) parts.push(match[1] + ' h');
    if (match[2]) parts.push(match[2] + ' min');
    if (match[3]) parts.push(Math.round(Number(match[3])) + ' s');
    return parts.length ? parts.join(' ') : '0 s';
  }

  /** Where a removed message went, and the colour for it, from a verdict or an alert's disappearance. */
  function destination(folder, role) {
    const named = (what) => String(folder).toLowerCase() === what ? '' : ' (' + what + ')';
    if (role === 'JUNK') return { kind: 'junk', text: 'moved to ' + folder + named('junk') };
    if (role === 'TRASH') return { kind: 'trash', text: 'moved to ' + folder + named('trash') };
    return { kind: 'moved', text: 'moved to ' + folder };
  }

  const GONE = { kind: 'gone', text: 'gone from the server' };
  const UNKNOWN = { kind: 'unknown', text: 'not known yet' };

  function whereItWent(entry, disappearance) {
    const verdict = entry.verdict;
    if (verdict) {
      return verdict.location === 'IN_NO_FOLDER' ? GONE : destination(verdict.folder, verdict.folderRole);
    }
    if (disappearance) {
      return disappearanceWent(disappearance);
    }
    return UNKNOWN;
  }

  function disappearanceWent(disappearance) {
    return disappearance.destination === 'GONE' ? GONE
        : destination(disappearance.movedToFolder, disappearance.movedToRole);
  }

  function verdictBadge(went) {
    return el('span', 'verdict verdict-' + went.kind, went.text);
  }

  function messageKey(folder, uidValidity, uid) {
    return folder + '\u0000' + uidValidity + '\u0000' + uid;
  }

  function isRead(flags) {
    return Array.isArray(flags) && flags.includes('\\Seen');
  }

  function messageCell(item) {
    const cell = el('td', 'message');
    if (item.subject !== undefined || item.from !== undefined) {
      cell.append(el('div', 'subject', item.subject || '(no subject)'));
      cell.append(el('div', 'muted small', item.from || ''));
    }
    return cell;
  }

  // ---- views ----

  let openAlerts = [];
  let selectedAccount = null;

  function showProblem(error) {
    if (error instanceof Refused) {
      showSignIn(error.message);
    } else {
      byId('problem').textContent = String(error && error.message ? error.message : error);
    }
  }

  async function loadOverview() {
    byId('problem').textContent = '';
    const [accounts, alerts] = await Promise.all([api('../api/accounts'), api('../api/alerts')]);
    openAlerts = alerts;
    renderAccounts(accounts, alerts);
    if (!selectedAccount) {
      renderAlerts(alerts, 'Open alerts');
    }
  }

  function renderAccounts(accounts, alerts) {
    const body = byId('accounts').tBodies[0];
    clear(body);
    const openByAccount = new Map();
    for (const alert of alerts) {
      openByAccount.set(alert.account, (openByAccount.get(alert.account) || 0) + 1);
    }
    for (const account of accounts) {
      const open = el('button', 'link', account.account);
      open.type = 'button';
      open.addEventListener('click', () => selectAccount(account.account));
      const state = account.watchState || 'not reported';
      body.append(el('tr', 'account-row',
          el('td', null, open),
          el('td', null, el('span', 'state state-' + state, state)),
          el('td', null, account.reason || ''),
          timeCell(account.since),
          timeCell(account.lastEventAt),
          el('td', null, String(openByAccount.get(account.account) || 0))));
    }
    byId('accounts-empty').hidden = accounts.length > 0;
  }

  function renderAlerts(alerts, title) {
    byId('alerts-title').textContent = title;
    const container = byId('alerts');
    clear(container);
    for (const alert of alerts) {
      container.append(alertCard(alert));
    }
    byId('alerts-empty').hidden = alerts.length > 0;
  }

  function alertCard(alert) {
    const card = el('article', 'alert');
    card.dataset.pattern = alert.pattern || '';
    card.append(el('h3', null,
        el('span', 'severity severity-' + alert.severity, alert.severity), ' ',
        el('span', 'pattern', alert.pattern), ' on ', alert.account, ' ',
        el('span', 'muted', '(' + alert.status + ', ' + alert.count + ' messages, ' + time(alert.firstSeen)
            + ' – ' + time(alert.lastSeen) + ')')));
    card.append(el('p', 'summary', alert.summary || ''));
    card.append(el('p', 'advice', el('strong', null, 'What to do: '), alert.advice || ''));
    const facts = Object.entries(alert.facts || {});
    if (facts.length) {
      const list = el('dl', 'facts');
      for (const [name, value] of facts) {
        list.append(el('dt', null, name), el('dd', null, value));
      }
      card.append(list);
    }
    const evidence = alert.evidence || [];
    if (evidence.length) {
      const table = el('table', 'evidence',
          el('thead', null, el('tr', null, ...['Subject', 'From', 'Arrived', 'Removed', 'Stayed', 'Read',
            'Where it went', 'Removed by'].map((h) => el('th', null, h)))));
      const body = el('tbody');
      for (const d of evidence) {
        body.append(el('tr', null,
            el('td', 'subject', d.subject || '(no subject)'),
            el('td', null, d.from || ''),
            timeCell(d.arrivedAt),
            timeCell(d.removedAt),
            el('td', null, duration(d.dwellTime)),
            el('td', null, d.readBeforeRemoval ? 'read' : 'unread'),
            el('td', null, verdictBadge(disappearanceWent(d))),
            el('td', null, d.removedBy || 'not known')));
      }
      table.append(body);
      card.append(table);
      if (alert.count > evidence.length) {
        card.append(el('p', 'muted small', 'The first ' + evidence.length + ' of ' + alert.count + ' messages.'));
      }
    }
    return card;
  }

  function selectAccount(account) {
    location.hash = '#account=' + encodeURIComponent(account);
  }

  async function loadAccount(account) {
    selectedAccount = account;
    byId('account-section').hidden = false;
    byId('account-name').textContent = account;
    const hours = Number(byId('range').value);
    const to = new Date();
    const from = new Date(to.getTime() - hours * HOUR_MS);
    const encoded = encodeURIComponent(account);
    const range = '?from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
    const [timeline, alerts] = await Promise.all([
      api('../api/accounts/' + encoded + '/timeline' + range),
      api('../api/alerts?account=' + encoded)]);
    if (selectedAccount !== account) {
      return; // another account was chosen meanwhile
    }
    byId('range-shown').textContent = time(timeline.from) + ' – ' + time(timeline.to);
    renderTimeline(timeline.items || [], alerts);
    renderAlerts(alerts, 'Open alerts on ' + account);
  }

  function renderTimeline(items, alerts) {
    const byMessage = new Map();
    for (const alert of alerts) {
      for (const d of alert.evidence || []) {
        byMessage.set(messageKey(d.folder, d.uidValidity, d.uid), d);
      }
    }
    const body = byId('timeline').tBodies[0];
    clear(body);
    for (const item of items) {
      body.append(item.alert ? alertRow(item) : eventRow(item, byMessage));
    }
    byId('timeline-empty').hidden = items.length > 0;
  }

  function alertRow(item) {
    const alert = item.alert;
    return el('tr', 'alert-row',
        timeCell(item.time),
        el('td', null, 'alert ' + alert.status),
        el('td', null, ''),
        el('td', null, el('span', 'severity severity-' + alert.severity, alert.severity), ' ',
            el('span', 'pattern', alert.pattern)),
        el('td', 'summary', alert.summary || ''),
        el('td', null, alert.facts && alert.facts.devices ? alert.facts.devices : ''));
  }

  function eventRow(item, byMessage) {
    const event = item.event || {};
    const folder = el('td', null, event.folder || '');
    switch (event.type) {
      case 'ARRIVED':
        return el('tr', 'arrival', timeCell(item.time), el('td', null, 'arrived'), folder, messageCell(event),
            el('td', 'muted', isRead(event.flags) ? 'read' : 'unread'), el('td'));
      case 'REMOVED': {
        const disappearance = byMessage.get(messageKey(event.folder, event.uidValidity, event.uid));
        const went = whereItWent(event, disappearance);
        const row = el('tr', 'removal verdict-row-' + went.kind, timeCell(item.time),
            el('td', null, 'removed ', el('span', 'muted', isRead(event.flags) ? '(read)' : '(unread)')),
            folder, messageCell(event), el('td', null, verdictBadge(went)),
            el('td', null, disappearance && disappearance.removedBy ? disappearance.removedBy : 'not known'));
        return row;
      }
      case 'FLAGS_CHANGED':
        return el('tr', 'read', timeCell(item.time), el('td', null, isRead(event.flags) ? 'read' : 'flags changed'),
            folder, messageCell(event), el('td', 'muted', (event.flags || []).join(' ')), el('td'));
      case 'WATCH_STATE':
        return el('tr', 'watch', timeCell(item.time), el('td', null, 'watch'), folder, el('td'),
            el('td', null, el('span', 'state state-' + event.watchState, event.watchState || ''),
                event.reason ? ' — ' + event.reason : ''), el('td'));
      case 'UIDVALIDITY_CHANGED':
        return el('tr', 'folder', timeCell(item.time), el('td', null, 'folder reset'), folder, el('td'),
            el('td', 'muted', 'UIDVALIDITY changed: the server rebuilt the folder'), el('td'));
      default:
        return el('tr', 'folder', timeCell(item.time), el('td', null, String(event.type || '').toLowerCase()),
            folder, el('td'), el('td'), el('td'));
    }
  }

  function showAllAccounts() {
    selectedAccount = null;
    byId('account-section').hidden = true;
    renderAlerts(openAlerts, 'Open alerts');
  }

  // ---- token and navigation ----

  function showSignIn(message) {
    byId('main').hidden = true;
    byId('refresh').hidden = true;
    byId('sign-out').hidden = true;
    byId('sign-in').hidden = false;
    byId('sign-in-message').textContent = message || '';
    byId('token').value = '';
    byId('token').focus();
  }

  function accountInHash() {
    const match = /^#account=(.*)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  async function show() {
    byId('sign-in').hidden = true;
    byId('main').hidden = false;
    byId('refresh').hidden = false;
    byId('sign-out').hidden = false;
    try {
      await loadOverview();
      const account = accountInHash();
      if (account) {
        await loadAccount(account);
      } else {
        showAllAccounts();
      }
    } catch (error) {
      showProblem(error);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    byId('sign-in-form').addEventListener('submit', (submit) => {
      submit.preventDefault();
      const token = byId('token').value.trim();
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        byId('token').value = '';
        show();
      }
    });
    byId('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn('');
    });
    byId('refresh').addEventListener('click', show);
    byId('range').addEventListener('change', () => {
      if (selectedAccount) {
        loadAccount(selectedAccount).catch(showProblem);
      }
    });
    byId('range-form').addEventListener('submit', (submit) => submit.preventDefault());
    byId('all-accounts').addEventListener('click', () => {
      history.pushState(null, '', location.pathname);
      showAllAccounts();
    });
    window.addEventListener('hashchange', () => {
      const account = accountInHash();
      if (account) {
        loadAccount(account).catch(showProblem);
      } else {
        showAllAccounts();
      }
    });
    if (sessionStorage.getItem(TOKEN_KEY)) {
      show();
    } else {
      showSignIn('');
    }
  });
})();
