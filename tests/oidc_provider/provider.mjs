// The OpenID provider Cordee's single sign-on tests sign in through: oidc-provider, the certified reference
// implementation, on loopback, with its development sign-in pages (any login name, any password).
//
// The login name is the subject; when it is an e-mail address it is also the e-mail claim, verified unless the name
// starts with "unverified". Settings from the environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma
// separated), POST_LOGOUT_REDIRECT_URIS (the same, where signing out at the provider may send the browser back: RP-initiated
// logout is on by default). It prints "ready" once it listens, and stops on SIGTERM.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: process.env.REDIRECT_URIS.split(','),
    post_logout_redirect_uris: (process.env.POST_LOGOUT_REDIRECT_URIS || '').split(',').filter(Boolean),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['cordee-tests-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(ctx, sub) {
    const email = sub.includes('@') ? sub.replace(/^unverified\./, '') : undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email, email_verified: email ? !sub.startsWith('unverified.') : undefined, name: sub.split('@')[0] };
      },
    };
  },
});
provider.proxy = false;

const server = provider.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
