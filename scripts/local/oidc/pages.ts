import type { Role } from '../../../shared/domain/roles.ts';
import type { AccountInput, AccountProblems, LocalAccount } from './accounts.ts';

/** German names of the roles, as the sign-in page shows them. */
export const ROLE_LABELS: Record<Role, string> = {
  coordinator: 'Koordination',
  finance: 'Finanzen',
  viewer: 'Leitung (nur lesen)',
  admin: 'Administration',
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** Every page of the local provider: German, KERN-styled, no script unless a nonce is given. */
function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Fördertracker (lokal)</title>
<link rel="stylesheet" href="/assets/kern.min.css">
<link rel="stylesheet" href="/assets/fonts.css">
<link rel="stylesheet" href="/assets/sign-in.css">
</head>
<body>
<header class="kern-kopfzeile"><div class="kern-container"><div class="kern-kopfzeile__content">
<span class="kern-kopfzeile__label">Fördertracker · lokale Anmeldung (nur auf diesem Rechner, ohne Passwort)</span>
</div></div></header>
<main class="kern-container sign-in">
${body}
</main>
</body>
</html>`;
}

export interface SignInPageModel {
  accounts: readonly LocalAccount[];
  /** Where the account buttons post to. */
  loginAction: string;
  /** Where the add-account form posts to. */
  addAction: string;
  /** What was typed into the add-account form, kept after a refusal. */
  draft?: AccountInput;
  problems?: AccountProblems;
  /** Shown after an account was added. */
  added?: LocalAccount;
}

function accountList(model: SignInPageModel): string {
  const items = model.accounts
    .map((account) => {
      const describedBy = `konto-${account.id}`;
      const roles = account.roles.map((role) => ROLE_LABELS[role]).join(', ');
      return `<li class="sign-in__account">
<button class="kern-btn kern-btn--primary" type="submit" name="account" value="${escapeHtml(account.id)}" aria-describedby="${describedBy}"><span class="kern-label">${escapeHtml(account.name)}</span></button>
<span class="kern-body kern-body--small" id="${describedBy}">${escapeHtml(account.email)} · ${escapeHtml(roles)}</span>
</li>`;
    })
    .join('\n');
  return `<form method="post" action="${escapeHtml(model.loginAction)}">
<ul class="sign-in__accounts">
${items}
</ul>
</form>`;
}

function fieldError(id: string, message: string | undefined): string {
  return message
    ? `<p class="kern-error" id="${id}"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">${escapeHtml(message)}</span></p>`
    : '';
}

function textField(name: 'name' | 'email', label: string, type: string, model: SignInPageModel): string {
  const problem = model.problems?.[name];
  const id = `konto-neu-${name}`;
  const errorId = `${id}-fehler`;
  return `<div class="kern-form-input${problem ? ' kern-form-input--error' : ''}">
<label class="kern-label" for="${id}">${label}</label>
<input class="kern-form-input__input${problem ? ' kern-form-input__input--error' : ''}" id="${id}" name="${name}" type="${type}" autocomplete="off" value="${escapeHtml(model.draft?.[name] ?? '')}"${problem ? ` aria-invalid="true" aria-describedby="${errorId}"` : ''}>
${fieldError(errorId, problem)}
</div>`;
}

function addAccountForm(model: SignInPageModel): string {
  const chosen = new Set(model.draft?.roles ?? []);
  const problem = model.problems?.roles;
  const checks = (Object.entries(ROLE_LABELS) as [Role, string][])
    .map(
      ([role, label]) => `<div class="kern-form-check">
<input class="kern-form-check__checkbox" type="checkbox" id="konto-neu-rolle-${role}" name="roles" value="${role}"${chosen.has(role) ? ' checked' : ''}>
<label class="kern-label" for="konto-neu-rolle-${role}">${label}</label>
</div>`,
    )
    .join('\n');
  const summary =
    model.problems && Object.keys(model.problems).length > 0
      ? `<div class="kern-alert kern-alert--danger" role="alert"><div class="kern-alert__header"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-title">Das Konto wurde nicht angelegt.</span></div><div class="kern-alert__body"><p class="kern-body">Bitte prüfen Sie die markierten Felder.</p></div></div>`
      : '';
  return `<section aria-labelledby="konto-neu-titel" class="sign-in__add">
<h2 class="kern-heading-medium" id="konto-neu-titel">Konto hinzufügen</h2>
${summary}
<form method="post" action="${escapeHtml(model.addAction)}" class="sign-in__form" novalidate>
${textField('name', 'Name', 'text', model)}
${textField('email', 'E-Mail', 'email', model)}
<fieldset class="kern-fieldset${problem ? ' kern-fieldset--error' : ''}"${problem ? ' aria-describedby="konto-neu-rollen-fehler"' : ''}>
<legend class="kern-label">Rollen</legend>
<div class="kern-fieldset__body">
${checks}
</div>
${fieldError('konto-neu-rollen-fehler', problem)}
</fieldset>
<button class="kern-btn kern-btn--secondary" type="submit"><span class="kern-label">Konto anlegen</span></button>
</form>
</section>`;
}

export function signInPage(model: SignInPageModel): string {
  const added = model.added
    ? `<div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__header"><span class="kern-icon kern-icon--success" aria-hidden="true"></span><span class="kern-title">Konto für ${escapeHtml(model.added.name)} angelegt. Sie können sich jetzt damit anmelden.</span></div></div>`
    : '';
  return layout(
    'Anmelden',
    `<h1 class="kern-heading-large">Anmelden</h1>
<p class="kern-body">Wählen Sie, als wer Sie sich anmelden. Diese Konten gibt es nur auf diesem Rechner; in AWS meldet man sich bei Amazon Cognito an.</p>
${added}
${accountList(model)}
${addAccountForm(model)}`,
  );
}

/** RP-initiated logout: the form is submitted at once by a script allowed through its nonce. */
export function signOutPage(form: string, nonce: string): string {
  return layout(
    'Abmelden',
    `<h1 class="kern-heading-large">Abmelden</h1>
${form}
<p class="kern-body">Sie werden abgemeldet …</p>
<noscript><button class="kern-btn kern-btn--primary" type="submit" form="op.logoutForm" name="logout" value="yes"><span class="kern-label">Abmelden</span></button></noscript>
<script nonce="${nonce}">var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`,
  );
}

export function errorPage(message: string): string {
  return layout(
    'Fehler bei der Anmeldung',
    `<h1 class="kern-heading-large">Fehler bei der Anmeldung</h1>
<div class="kern-alert kern-alert--danger" role="alert"><div class="kern-alert__header"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-title">Die Anmeldung konnte nicht abgeschlossen werden.</span></div><div class="kern-alert__body"><p class="kern-body">${escapeHtml(message)}</p></div></div>
<p class="kern-body">Gehen Sie zurück zur Anwendung und versuchen Sie es erneut.</p>`,
  );
}

/** A little layout beyond what KERN's components give: the list of people and the form's spacing. */
export const SIGN_IN_CSS = `.sign-in{padding-block:2rem;max-width:48rem}
.sign-in__accounts{list-style:none;padding:0;margin:1.5rem 0 2.5rem;display:grid;gap:1rem}
.sign-in__account{display:flex;flex-wrap:wrap;align-items:center;gap:1rem}
.sign-in__account .kern-btn{min-width:14rem}
.sign-in__form{display:grid;gap:1.5rem;margin-top:1rem}`;
