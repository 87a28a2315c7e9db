// A hostile upstream OpenID Provider for the hub's negative tests: it speaks the protocol (discovery,
// JWKS, authorize, token) but hands out ID tokens broken in one chosen way. The way is chosen per login by
// the login_hint the hub passes on: ok, tamper, alg-none, wrong-nonce, no-nonce, wrong-issuer,
// wrong-audience, expired, not-yet-valid, foreign-key, hs256-confusion.
// Usage: node hostile-op.mjs PORT CLIENT_ID REDIRECT_URI   — prints "READY <issuer>".
import http from 'node:http';
import crypto from 'node:crypto';
import * as jose from 'jose';

const port = Number(process.argv[2] || 9312);
const clientId = process.argv[3] || 'hub-client';
const redirectUri = process.argv[4] || 'http://127.0.0.1:8085/signin-oidc/hostile';
const issuer = `http://127.0.0.1:${port}`;

const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const foreign = await jose.generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
const codes = new Map();

function b64(obj) { return Buffer.from(JSON.stringify(obj)).toString('base64url'); }

async function idToken(mode, nonce) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: `victim-${mode}`, email: 'victim@example.org', groups: ['scs-admins'], nonce };
  let iss = issuer, aud = clientId, iat = now, exp = now + 300, nbf = now;
  if (mode === 'wrong-issuer') iss = 'http://127.0.0.1:1/evil';
  if (mode === 'wrong-audience') aud = 'someone-else';
  if (mode === 'expired') { iat = now - 7200; exp = now - 3600; nbf = iat; }
  if (mode === 'not-yet-valid') { nbf = now + 3600; iat = now + 3600; exp = now + 7200; }
  if (mode === 'wrong-nonce') claims.nonce = 'not-the-nonce-of-this-login';
  if (mode === 'no-nonce') delete claims.nonce;
  const payload = { ...claims, iss, aud, iat, exp, nbf };
  if (mode === 'alg-none') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
  if (mode === 'hs256-confusion') {
    // Classic key confusion: HMAC keyed with the published RSA public key.
    const secret = Buffer.from(await jose.exportSPKI(publicKey));
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64(payload)}`;
    return `${head}.${crypto.createHmac('sha256', secret).update(head).digest('base64url')}`;
  }
  const key = mode === 'foreign-key' ? foreign.privateKey : privateKey;
  const token = await new jose.SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' }).sign(key);
  if (mode === 'tamper') {
    const [h, , s] = token.split('.');
    return `${h}.${b64({ ...payload, sub: 'admin', groups: ['scs-admins', 'root'] })}.${s}`;
  }
  return token;
}

function json(res, status, body) { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)); }

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('redirect_uri') !== redirectUri) return json(res, 400, { error: 'invalid_request' });
      const code = crypto.randomBytes(16).toString('base64url');
      codes.set(code, { mode: q.get('login_hint') || 'ok', nonce: q.get('nonce') });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state'));
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const code = new URLSearchParams(body).get('code');
      const entry = codes.get(code);
      if (!entry) return json(res, 400, { error: 'invalid_grant' });
      codes.delete(code);
      return json(res, 200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: await idToken(entry.mode, entry.nonce) });
    }
    json(res, 404, { error: 'not_found' });
  } catch (e) {
    json(res, 500, { error: 'server_error', error_description: String(e && e.message) });
  }
});
server.listen(port, '127.0.0.1', () => console.log(`READY ${issuer}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
