// Downstream relying party for the hub's interop tests, built on openid-client: discovery, code flow with
// PKCE (S256), state and nonce, following every redirect through the hub and the upstream like a browser;
// validates the ID token and prints one JSON line with the outcome.
// Usage: node rp.mjs ISSUER CLIENT_ID CLIENT_SECRET REDIRECT_URI [--idp ID] [--login-hint X] [--scope S]
//        [--refresh] [--refresh-twice] [--replay-code] [--repeat N]
import * as oidc from 'openid-client';
import { CookieJar, browse } from './cookie-jar.mjs';

const [issuer, clientId, clientSecret, redirectUri, ...rest] = process.argv.slice(2);
const flag = (name) => rest.includes(name);
const option = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
if (!redirectUri) {
  console.error('usage: node rp.mjs ISSUER CLIENT_ID CLIENT_SECRET REDIRECT_URI [options]');
  process.exit(2);
}

const config = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });

async function login() {
  const jar = new CookieJar();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const params = {
    redirect_uri: redirectUri,
    scope: option('--scope') || 'openid email profile groups offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (option('--idp')) params.idp = option('--idp');
  if (option('--login-hint')) params.login_hint = option('--login-hint');
  const { url: callback, log } = await browse(jar, oidc.buildAuthorizationUrl(config, params).href, (u) => u.startsWith(redirectUri));
  const callbackUrl = new URL(callback);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  const result = {
    ok: true,
    iss: callbackUrl.searchParams.get('iss'),
    claims: tokens.claims(),
    idTokenHeader: JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url')),
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    refreshToken: tokens.refresh_token,
    hops: log.length,
  };
  if (!flag('--no-userinfo')) {
    result.userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
  }
  if (flag('--replay-code')) {
    try {
      await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
      result.replay = { accepted: true };
    } catch (e) {
      result.replay = { accepted: false, error: e.error || e.code, description: e.error_description || e.message };
    }
  }
  if (flag('--refresh') || flag('--refresh-twice')) {
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
    result.refreshed = { claims: refreshed.claims(), rotated: refreshed.refresh_token !== tokens.refresh_token, refreshToken: refreshed.refresh_token };
    if (flag('--refresh-twice')) {
      try {
        await oidc.refreshTokenGrant(config, tokens.refresh_token);
        result.reuse = { accepted: true };
      } catch (e) {
        result.reuse = { accepted: false, error: e.error || e.code };
      }
      try {
        await oidc.refreshTokenGrant(config, refreshed.refresh_token);
        result.afterReuse = { accepted: true };
      } catch (e) {
        result.afterReuse = { accepted: false, error: e.error || e.code };
      }
    }
  }
  return result;
}

try {
  const repeat = Number(option('--repeat') || 1);
  if (repeat > 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) await login();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(JSON.stringify({ ok: true, flows: repeat, seconds, flowsPerSecond: repeat / seconds }));
  } else {
    console.log(JSON.stringify(await login()));
  }
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e.error || e.code || 'error', description: e.error_description || e.message, status: e.status, log: e.log }));
  process.exit(1);
}
