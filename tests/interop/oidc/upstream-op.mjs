// Upstream OpenID Provider for the hub's interop tests: oidc-provider with a few test people and
// no login UI (the login_hint, or "alice", is signed in at once), so a scripted client can run the
// whole brokered flow. With MODE "login-form", oidc-provider's own login form is shown instead (its
// development interactions: any password; the login names a person below), for real-browser tests.
// Usage: node upstream-op.mjs PORT [CLIENT_ID SECRET REDIRECT_URI [MODE]]
// Prints "READY <issuer>" when listening.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] || 9311);
const clientId = process.argv[3] || 'hub-client';
const clientSecret = process.argv[4] || 'hub-secret';
const redirectUri = process.argv[5] || 'http://127.0.0.1:8085/signin-oidc/peer';
const loginForm = process.argv[6] === 'login-form';
const issuer = `http://127.0.0.1:${port}`;

const people = {
  alice: { email: 'alice@example.org', email_verified: true, name: 'Alice Admin', preferred_username: 'alice', groups: ['scs-admins', 'cloud-a-users'] },
  bob: { email: 'bob@example.org', email_verified: true, name: 'Bob Builder', preferred_username: 'bob', groups: ['cloud-a-users'] },
  carol: { email: 'carol@example.org', email_verified: true, name: 'Carol Nogroups', preferred_username: 'carol', groups: [] },
};
// Tests change a person's groups between logins through this side door (never exposed beyond loopback).
const overrides = {};

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], groups: ['groups'] },
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  conformIdTokenClaims: false,
  findAccount: async (ctx, sub) => (people[sub]
    ? { accountId: sub, claims: async () => ({ sub, ...people[sub], ...(overrides[sub] || {}) }) }
    : undefined),
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups offline_access');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'preferred_username', 'groups']);
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: loginForm } },
  pkce: { required: () => true },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  cookies: { keys: ['interop-test-cookie-key'] },
});
provider.proxy = false;

const server = http.createServer(async (req, res) => {
  try {
    const m = loginForm ? null : /^\/interaction\/([^/?]+)/.exec(req.url);
    if (m) {
      const details = await provider.interactionDetails(req, res);
      const hint = details.params.login_hint;
      const who = hint && people[hint.split('@')[0]] ? hint.split('@')[0] : 'alice';
      await provider.interactionFinished(req, res, { login: { accountId: who } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'POST' && req.url.startsWith('/test/groups/')) {
      const who = decodeURIComponent(req.url.slice('/test/groups/'.length));
      let body = '';
      for await (const chunk of req) body += chunk;
      overrides[who] = { groups: JSON.parse(body) };
      res.writeHead(204).end();
      return;
    }
    provider.callback()(req, res);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e && e.message));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`READY ${issuer}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
